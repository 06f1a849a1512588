package dev.baton.core.exec.local;

import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts each step as the leader of its own session and process group (through {@code setsid}), so
 * that a timeout or a cancellation can signal everything the step started — including children that
 * outlive the shell — and nothing else.
 */
final class ProcessGroups {
  private static final @Nullable String SETSID = find("setsid");
  private static final @Nullable String KILL = find("kill");

  private ProcessGroups() {}

  /**
   * The command that runs {@code argv} in a new process group, or {@code argv} itself when setsid
   * is missing.
   */
  static List<String> wrap(List<String> argv) {
    if (SETSID == null) {
      return argv;
    }
    ArrayList<String> out = new ArrayList<>(argv.size() + 1);
    out.add(SETSID);
    out.addAll(argv);
    return out;
  }

  /** Whether {@link #wrap} starts a process as the leader of its own group (setsid is there). */
  static boolean separate() {
    return SETSID != null;
  }

  /** Sends {@code signal} (TERM, KILL) to every process of the group led by {@code pid}. */
  static void signalGroup(long pid, String signal, ProcessHandle fallback) {
    if (NativeSpawn.available()
        && NativeSpawn.signalGroup(
            (int) pid, "KILL".equals(signal) ? Libc.SIGKILL : Libc.SIGTERM)) {
      return;
    }
    if (SETSID != null && KILL != null) {
      try {
        Process p =
            new ProcessBuilder(KILL, "-" + signal, "--", "-" + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
        return;
      } catch (IOException e) {
        // fall through to the JDK's per-process signals
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fallback.descendants().forEach(h -> destroy(h, signal));
    destroy(fallback, signal);
  }

  /**
   * Whether any process of group {@code group} is left, zombies aside (they hold nothing, and one
   * whose parent does not reap it would otherwise look alive for ever). Where neither the C library
   * nor {@code /proc} can tell, assumes one is: the caller then KILLs the group after its grace.
   */
  static boolean anyLeft(long group) {
    if (group <= 0) {
      return false;
    }
    // kill(-group, 0) fails with ESRCH when the group is empty: the common case, one system call.
    if (NativeSpawn.available()
        && Libc.kill((int) -group, 0) != 0
        && Native.getLastError() == Libc.ESRCH) {
      return false;
    }
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self"))) {
      return true;
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pid : pids) {
        if (inGroupAndRunning(pid.resolve("stat"), group)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Whether process {@code pid} lives, zombies aside: a zombie has ended, and its parent may not
   * have reaped it yet.
   */
  static boolean alive(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
        return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
      } catch (IOException | RuntimeException e) {
        return false; // no such process
      }
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** /proc/PID/stat: "pid (comm) state ppid pgrp ...", where comm may hold spaces and parens. */
  private static boolean inGroupAndRunning(Path stat, long group) {
    try {
      String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ", 4);
      return !f[0].equals("Z") && Long.parseLong(f[2]) == group;
    } catch (IOException | RuntimeException e) {
      return false; // ended while the directory was read
    }
  }

  private static void destroy(ProcessHandle h, String signal) {
    if ("KILL".equals(signal)) {
      h.destroyForcibly();
    } else {
      h.destroy();
    }
  }

  /** The absolute path of {@code program} on this JVM's PATH, or null. */
  static @Nullable String find(String program) {
    String path = System.getenv("PATH");
    return path == null ? null : Executables.search(program, path, new File("/"));
  }
}
