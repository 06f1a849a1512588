package dev.baton.core.exec.local;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Starts each step as the leader of its own session and process group (through {@code setsid}), so
 * that a timeout or a cancellation can signal everything the step started — including children that
 * outlive the shell — and nothing else.
 */
final class ProcessGroups {
  private static final String SETSID = find("setsid");
  private static final String KILL = find("kill");

  private ProcessGroups() {}

  /**
   * The command that runs {@code argv} in a new process group, or {@code argv} itself when setsid
   * is missing.
   */
  static List<String> wrap(List<String> argv) {
    if (SETSID == null) {
      return argv;
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>(argv.size() + 1);
    out.add(SETSID);
    out.addAll(argv);
    return out;
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

  private static void destroy(ProcessHandle h, String signal) {
    if ("KILL".equals(signal)) {
      h.destroyForcibly();
    } else {
      h.destroy();
    }
  }

  /** The absolute path of {@code program} on this JVM's PATH, or null. */
  static String find(String program) {
    String path = System.getenv("PATH");
    return path == null ? null : Executables.search(program, path, new File("/"));
  }
}
