package dev.baton.core.exec.local;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.baton.core.exec.ReapedUsage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process the way {@code make} does — {@code posix_spawn}, one exec — but as the leader of
 * a new session and process group, with stdin from {@code /dev/null}, stdout and stderr appended to
 * a log, its own working directory, default signal dispositions, an empty signal mask and no
 * descriptor of Baton's left open. Then waits for it and signals its group.
 */
final class NativeSpawn {
  // What the JDK itself encodes file names and arguments with.
  private static final Charset NAMES = namesCharset();
  private static final byte[] DEV_NULL = "/dev/null".getBytes(StandardCharsets.US_ASCII);

  private NativeSpawn() {}

  static boolean available() {
    return Libc.available();
  }

  /**
   * Starts {@code argv} (its first word an absolute path) with exactly {@code env}; returns its
   * pid, which is also its process group and session id. The descriptors {@code inherit} (each at
   * or above 64, so none is overwritten before it is moved) become 3, 4, ... in the new process:
   * lease files whose locks then last as long as the step's processes.
   */
  static int spawn(
      List<String> argv, Map<String, String> env, Path workdir, Path log, List<Integer> inherit)
      throws IOException {
    byte[] logPath = bytes(log.toString());
    byte[] dir = bytes(workdir.toString());
    return spawn(
        argv,
        env,
        List.of(DEV_NULL, logPath, dir),
        (block, actions) -> {
          Libc.posix_spawn_file_actions_addopen(
              actions, 0, block.string(DEV_NULL), Libc.O_RDONLY, 0);
          Libc.posix_spawn_file_actions_addopen(
              actions,
              1,
              block.string(logPath),
              Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND,
              0600);
          Libc.posix_spawn_file_actions_adddup2(actions, 1, 2);
          Libc.posix_spawn_file_actions_addchdir_np(actions, block.string(dir));
          for (int i = 0; i < inherit.size(); i++) {
            check(
                Libc.posix_spawn_file_actions_adddup2(actions, inherit.get(i), 3 + i),
                "posix_spawn_file_actions_adddup2");
          }
          Libc.posix_spawn_file_actions_addclosefrom_np(actions, 3 + inherit.size());
        });
  }

  /**
   * Starts {@code argv} as {@link #spawn} does, in this process's working directory, reading its
   * stdin from the descriptor {@code input} (a pipe's read end), stdout and stderr {@code
   * /dev/null}: a {@link ReadyShells ready shell}, which sets up the rest itself.
   */
  static int spawnReading(List<String> argv, Map<String, String> env, int input)
      throws IOException {
    return spawn(
        argv,
        env,
        List.of(DEV_NULL),
        (block, actions) -> {
          check(Libc.posix_spawn_file_actions_adddup2(actions, input, 0), "adddup2");
          Libc.posix_spawn_file_actions_addopen(
              actions, 1, block.string(DEV_NULL), Libc.O_WRONLY, 0);
          Libc.posix_spawn_file_actions_adddup2(actions, 1, 2);
          Libc.posix_spawn_file_actions_addclosefrom_np(actions, 3);
        });
  }

  /** What a spawn does with descriptors and the directory, written into its file actions. */
  private interface FileActions {
    void add(Block block, Pointer actions) throws IOException;
  }

  private static int spawn(
      List<String> argv, Map<String, String> env, List<byte[]> strings, FileActions files)
      throws IOException {
    List<byte[]> args = new ArrayList<>(argv.size());
    for (String a : argv) {
      args.add(bytes(a));
    }
    List<byte[]> envp = new ArrayList<>(env.size());
    for (Map.Entry<String, String> e : env.entrySet()) {
      envp.add(bytes(e.getKey() + "=" + e.getValue()));
    }
    // Everything the call needs in one native block: one allocation per step.
    try (Block block =
        new Block(
            Libc.ATTR_BYTES
                + Libc.FILE_ACTIONS_BYTES
                + 2L * Libc.SIGSET_BYTES
                + Block.size(strings)
                + Block.arraySize(args)
                + Block.arraySize(envp))) {
      Pointer attr = block.reserve(Libc.ATTR_BYTES);
      Pointer actions = block.reserve(Libc.FILE_ACTIONS_BYTES);
      Pointer noSignals = block.reserve(Libc.SIGSET_BYTES);
      Pointer allSignals = block.reserve(Libc.SIGSET_BYTES);
      Libc.sigemptyset(noSignals);
      Libc.sigfillset(allSignals);
      check(Libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
      try {
        Libc.posix_spawnattr_setsigmask(attr, noSignals);
        Libc.posix_spawnattr_setsigdefault(attr, allSignals);
        check(
            Libc.posix_spawnattr_setflags(
                attr,
                (short)
                    (Libc.POSIX_SPAWN_SETSID
                        | Libc.POSIX_SPAWN_SETSIGDEF
                        | Libc.POSIX_SPAWN_SETSIGMASK)),
            "posix_spawnattr_setflags");
        check(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
          files.add(block, actions);
          Pointer argvArray = block.array(args);
          Pointer envArray = block.array(envp);
          int[] pid = new int[1];
          int error =
              Libc.posix_spawn(pid, argvArray.getPointer(0), actions, attr, argvArray, envArray);
          if (error != 0) {
            throw new IOException(Libc.strerror(error));
          }
          return pid[0];
        } finally {
          Libc.posix_spawn_file_actions_destroy(actions);
        }
      } finally {
        Libc.posix_spawnattr_destroy(attr);
      }
    }
  }

  /**
   * Waits for the process {@code pid} to end and reaps it; returns its exit code, or 128+N when
   * signal N killed it.
   */
  static int waitFor(int pid) {
    return waitFor(pid, new long[ReapedUsage.RUSAGE_LONGS]);
  }

  /**
   * {@link #waitFor(int)}, filling {@code rusage} with what the kernel accounted to the process and
   * the descendants it waited for (a {@code struct rusage}, {@link ReapedUsage#RUSAGE_LONGS} long).
   */
  static int waitFor(int pid, long[] rusage) {
    int[] status = new int[1];
    while (true) {
      int got = Libc.wait4(pid, status, 0, rusage);
      if (got == pid) {
        int signal = status[0] & 0x7f;
        return signal == 0 ? (status[0] >> 8) & 0xff : 128 + signal;
      }
      int errno = Native.getLastError();
      if (got == -1 && errno == Libc.EINTR) {
        continue;
      }
      throw new IllegalStateException(
          "cannot wait for process " + pid + ": " + Libc.strerror(errno));
    }
  }

  /** Sends {@code signal} to every process of the group {@code group}; false if none is left. */
  static boolean signalGroup(int group, int signal) {
    return group > 0 && Libc.kill(-group, signal) == 0;
  }

  private static void check(int error, String call) throws IOException {
    if (error != 0) {
      throw new IOException(call + ": " + Libc.strerror(error));
    }
  }

  /** One native allocation, handed out in aligned pieces. */
  private static final class Block implements AutoCloseable {
    private static final int ALIGN = 16;
    private final Memory memory;
    private long next;

    Block(long size) {
      memory = new Memory(size + ALIGN * 16L);
    }

    static long size(List<byte[]> strings) {
      long n = 0;
      for (byte[] b : strings) {
        n += b.length + 1L + ALIGN;
      }
      return n;
    }

    /** Room for a NULL-terminated array of pointers to {@code strings}, and the strings. */
    static long arraySize(List<byte[]> strings) {
      return (long) Native.POINTER_SIZE * (strings.size() + 1) + ALIGN + size(strings);
    }

    Pointer reserve(long bytes) {
      next = (next + ALIGN - 1) / ALIGN * ALIGN;
      Pointer p = memory.share(next, bytes);
      next += bytes;
      return p;
    }

    /** A NUL-terminated copy of {@code b}. */
    Pointer string(byte[] b) {
      Pointer p = reserve(b.length + 1L);
      p.write(0, b, 0, b.length);
      p.setByte(b.length, (byte) 0);
      return p;
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    Pointer array(List<byte[]> strings) {
      int n = strings.size();
      Pointer array = reserve((long) Native.POINTER_SIZE * (n + 1));
      for (int i = 0; i < n; i++) {
        array.setPointer((long) Native.POINTER_SIZE * i, string(strings.get(i)));
      }
      array.setPointer((long) Native.POINTER_SIZE * n, Pointer.NULL);
      return array;
    }

    @Override
    public void close() {
      memory.close();
    }
  }

  static byte[] bytes(String s) throws IOException {
    if (s.indexOf('\0') >= 0) {
      throw new IOException(
          "a NUL character cannot be passed to a process: " + s.replace('\0', '?'));
    }
    return s.getBytes(NAMES);
  }

  private static Charset namesCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
