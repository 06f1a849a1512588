package dev.baton.core.exec.local;

import dev.baton.core.api.InfrastructureException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code bash} per run that starts every local attempt: a job-control shell, so each attempt is
 * the leader of its own process group (signalled as a whole on timeout or cancel), started under
 * {@code setsid} so no attempt has a controlling terminal.
 *
 * <p>Each attempt runs inside a small subshell that waits for it and reports its exit code on an
 * event pipe. When nobody reads that pipe any more — Baton was killed — the subshell records the
 * exit code in the attempt's exit file instead, written to a temporary name and renamed, so a
 * resumed run takes the result without running the step again (as Jenkins' durable tasks do).
 *
 * <p>Per attempt this costs what {@code setsid prog} did (a fork of the shell and one exec of the
 * program), and signalling a group is a shell builtin instead of an exec of {@code kill}.
 */
final class JobShell implements AutoCloseable {
  // Requests are NUL-terminated shell text, evaluated one at a time; fd 3 is the event pipe.
  private static final String LOOP =
      "set -m\n"
          + "exec 3>&1 1>/dev/null 2>/dev/null\n"
          + "while IFS= read -r -d '' request; do eval \"$request\"; done\n";
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Process shell;
  private final OutputStream requests;
  private final Map<Long, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final String mv;

  private JobShell(Process shell, String mv) {
    this.shell = shell;
    this.requests = shell.getOutputStream();
    this.mv = mv;
    Thread reader = new Thread(this::readEvents, "baton-job-shell");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the shell, or returns null where bash or setsid is missing. */
  static JobShell start() {
    String bash = ProcessGroups.find("bash");
    String setsid = ProcessGroups.find("setsid");
    String mv = ProcessGroups.find("mv");
    if (bash == null || setsid == null || mv == null) {
      return null;
    }
    ProcessBuilder pb =
        new ProcessBuilder(setsid, bash, "--noprofile", "--norc", "-c", LOOP)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    // A non-interactive bash sources $BASH_ENV; attempts get their own value back from JobScript.
    pb.environment().remove("BASH_ENV");
    pb.environment().remove("ENV");
    pb.environment().keySet().removeIf(k -> k.startsWith("BASH_FUNC_"));
    try {
      return new JobShell(pb.start(), mv);
    } catch (IOException e) {
      return null;
    }
  }

  /** The environment the shell started with; attempts' environments are set relative to it. */
  static Map<String, String> baseEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("BASH_ENV");
    env.remove("ENV");
    env.keySet().removeIf(k -> k.startsWith("BASH_FUNC_"));
    return env;
  }

  /** A started attempt: its process group (the subshell's pid) and its exit code to come. */
  record Job(long id, long processGroup, CompletableFuture<Integer> exit) {}

  /** Starts the attempt {@code script} describes and returns once its process group exists. */
  Job launch(JobScript script) {
    long id = ids.incrementAndGet();
    CompletableFuture<Long> pid = new CompletableFuture<>();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    started.put(id, pid);
    exits.put(id, exit);
    send(script.text(id, mv));
    try {
      return new Job(id, pid.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), exit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureException("interrupted while starting a step", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new InfrastructureException(
          "the local job shell did not start a step within "
              + START_TIMEOUT_SECONDS
              + " s; is the machine overloaded or out of processes?",
          e);
    } finally {
      started.remove(id);
    }
  }

  /** Sends {@code signal} (TERM, KILL) to every process in the attempt's group. */
  void signal(Job job, String signal) {
    StringBuilder request = new StringBuilder();
    request.append("kill -s ").append(signal).append(" -- -").append(job.processGroup());
    if ("KILL".equals(signal)) {
      // A subshell killed outright reports nothing itself; its parent, this shell, can.
      request
          .append("; wait ")
          .append(job.processGroup())
          .append("; builtin printf 'X ")
          .append(job.id())
          .append(" %s\\n' \"$?\" >&3");
    }
    send(request.toString());
  }

  private synchronized void send(String request) {
    try {
      requests.write((request + "\0").getBytes(StandardCharsets.UTF_8));
      requests.flush();
    } catch (IOException e) {
      throw new InfrastructureException(
          "the local job shell has stopped (" + e.getMessage() + "); the run cannot start steps",
          e);
    }
  }

  private void readEvents() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(" ");
        if (f.length != 3) {
          continue;
        }
        long id = Long.parseLong(f[1]);
        if ("S".equals(f[0])) {
          CompletableFuture<Long> pid = started.get(id);
          if (pid != null) {
            pid.complete(Long.parseLong(f[2]));
          }
        } else if ("X".equals(f[0])) {
          CompletableFuture<Integer> exit = exits.remove(id);
          if (exit != null) {
            exit.complete(Integer.parseInt(f[2]));
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The shell is gone; fail what waits on it below.
    }
    InfrastructureException gone =
        new InfrastructureException("the local job shell ended unexpectedly", null);
    started.values().forEach(f -> f.completeExceptionally(gone));
    exits.values().forEach(f -> f.completeExceptionally(gone));
  }

  @Override
  public void close() {
    try {
      requests.close();
      shell.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // already closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shell.destroy();
  }

  static boolean available() {
    return ProcessGroups.find("bash") != null && new File("/dev/null").exists();
  }
}
