package dev.baton.core.exec.local;

import dev.baton.core.exec.StepHandle;
import dev.baton.core.os.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A few {@code /bin/sh} processes started ahead of need, so that starting a step does not wait for
 * a process to be spawned and a shell exec'd: each was started by {@link NativeSpawn} as the leader
 * of its own session, with default signals and an empty mask, and is blocked reading its script
 * ({@code sh -s}) from a pipe whose write end only Baton holds, started with Baton's own
 * environment. A step takes one, Baton writes the {@link ReadyScript} in one write and closes the
 * pipe, and a pool thread starts a replacement.
 *
 * <p>A ready shell whose pipe closes without a script — the run ended, or Baton was killed — reads
 * end-of-file and exits having done nothing; its pid was never recorded as a step's. The pool holds
 * one shell more each time a launch found none ready (the first launch aside), up to the number of
 * processors, at least one.
 */
final class ReadyShells implements AutoCloseable {
  private static final List<String> ARGV = List.of(ExitRecordingShell.SH, "-s");

  private record Shell(int pid, int pipe, Map<String, String> env) {}

  private final ArrayDeque<Shell> ready = new ArrayDeque<>();
  private final ExecutorService starter =
      Executors.newSingleThreadExecutor(DaemonThreads.named("baton-ready-shells"));
  private final int most = Math.max(1, Runtime.getRuntime().availableProcessors());
  // What every shell starts with: Baton's own environment, which steps inherit, never a step's
  // (a step given a secret must not leave it in the next step's /proc/<pid>/environ).
  private final Map<String, String> base;
  private int wanted = 1;
  private int starting;
  private boolean asked;
  private boolean closed;

  ReadyShells(Map<String, String> base) {
    this.base = Map.copyOf(base);
  }

  /**
   * Starts {@code shellText} (shell text) as the step {@link NativeSpawn#spawn} would, in a ready
   * shell; null where this cannot be the same as starting it directly (then nothing was done).
   */
  @Nullable StepHandle launch(
      String shellText,
      Map<String, String> stepEnv,
      Path workdir,
      Path log,
      Path exitFile,
      ExecutorService reapers,
      ScheduledExecutorService killer) {
    Shell shell = take();
    if (shell == null) {
      return null;
    }
    String text =
        ReadyScript.text(
            shellText,
            stepEnv,
            shell.env(),
            workdir.toAbsolutePath(),
            log.toAbsolutePath(),
            exitFile.toAbsolutePath(),
            ExitRecordingShell.BATON);
    byte[] bytes;
    try {
      bytes = text == null ? null : NativeSpawn.bytes(text);
      if (bytes == null || bytes.length > ReadyScript.MAX_BYTES) {
        giveBack(shell);
        return null;
      }
      createLog(log);
    } catch (IOException e) {
      giveBack(shell);
      return null;
    }
    long written = Libc.write(shell.pipe(), bytes, bytes.length);
    Libc.close(shell.pipe());
    if (written != bytes.length) {
      // The shell is gone (killed from outside) or took nothing: it never ran the step.
      reapers.execute(() -> NativeSpawn.waitFor(shell.pid()));
      return null;
    }
    return new SpawnedHandle(shell.pid(), exitFile, reapers, killer);
  }

  /** A ready shell, or null if none is; either way, one more is started for the next step. */
  private synchronized @Nullable Shell take() {
    if (closed) {
      return null;
    }
    Shell shell = ready.poll();
    // The first launch finds none because none was asked for yet; a later miss means that steps
    // start faster than one shell is made ready between them.
    if (shell == null && asked && wanted < most) {
      wanted++;
    }
    asked = true;
    while (ready.size() + starting < wanted) {
      starting++;
      starter.execute(this::startOne);
    }
    return shell;
  }

  private void giveBack(Shell shell) {
    synchronized (this) {
      if (!closed) {
        ready.addFirst(shell);
        return;
      }
    }
    end(shell);
  }

  private void startOne() {
    boolean open;
    synchronized (this) {
      open = !closed;
    }
    Shell shell = open ? start(base) : null;
    List<Shell> late = List.of();
    synchronized (this) {
      starting--;
      if (shell != null && closed) {
        late = List.of(shell);
      } else if (shell != null) {
        ready.add(shell);
        notifyAll();
      }
    }
    late.forEach(ReadyShells::end);
  }

  private static @Nullable Shell start(Map<String, String> env) {
    int[] fds = new int[2];
    if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0) {
      return null;
    }
    try {
      int pid = NativeSpawn.spawnReading(ARGV, env, fds[0]);
      return new Shell(pid, fds[1], env);
    } catch (IOException e) {
      Libc.close(fds[1]);
      return null;
    } finally {
      Libc.close(fds[0]);
    }
  }

  /** The log, created owner-only as a direct start's file action creates it, if it is missing. */
  private static void createLog(Path log) throws IOException {
    Files.newByteChannel(
            log,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        .close();
  }

  /** Closes the shell's pipe unwritten: it reads end-of-file and exits; then reaps it. */
  private static void end(Shell shell) {
    Libc.close(shell.pipe());
    NativeSpawn.waitFor(shell.pid());
  }

  /** Waits until a shell is ready (for tests: the next launch then takes one). */
  synchronized void awaitReady() throws InterruptedException {
    while (ready.isEmpty() && !closed) {
      wait();
    }
  }

  /** The pids of the shells ready now. */
  synchronized List<Integer> readyPids() {
    return ready.stream().map(Shell::pid).toList();
  }

  /** Ends every unused shell and waits for each, so none outlives the run. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    starter.shutdown();
    try {
      starter.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Shell> left;
    synchronized (this) {
      left = List.copyOf(ready);
      ready.clear();
    }
    left.forEach(ReadyShells::end);
  }
}
