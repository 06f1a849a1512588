package dev.baton.core.exec.local;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ShellQuote;
import dev.baton.core.os.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

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
 * <p>A subshell that dies before it can report — TERM arriving between its fork and its {@code
 * trap}, as when a run is cancelled just as a step starts; a KILL of its group by the step itself;
 * the out-of-memory killer — would leave its attempt running for ever in Baton's eyes. So the
 * shell, its parent, reports the exit of any subshell that is gone while its attempt has not ended:
 * the reader checks running attempts' subshells every {@link #WATCH} and asks the shell to {@code
 * wait} for the dead ones and report their status (an attempt reported twice keeps its first end).
 *
 * <p>Per attempt this costs what {@code setsid prog} did (a fork of the shell and one exec of the
 * program), and signalling a group is a shell builtin instead of an exec of {@code kill}.
 */
final class JobShell implements AutoCloseable {
  // Requests are NUL-terminated shell text, evaluated one at a time; fd 3 is the event pipe.
  private static final String LOOP =
      """
      set -m
      exec 3>&1 1>/dev/null 2>/dev/null
      while IFS= read -r -d '' request; do eval "$request"; done
      """;
  private static final long START_TIMEOUT_SECONDS = 30;
  static final Duration WATCH = Duration.ofMillis(500);
  // One daemon thread watches every shell's subshells; a shell's watch ends when it is closed.
  private static final ScheduledExecutorService WATCHER =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("baton-job-watch"));

  private final Process shell;
  private final OutputStream requests;
  private final Map<Long, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();
  // Attempts whose subshell was forked, by id: its pid, which leads the attempt's group.
  private final Map<Long, Long> groups = new ConcurrentHashMap<>();
  // Attempts whose subshell is gone and whose end the shell was asked to report.
  private final Set<Long> reaping = ConcurrentHashMap.newKeySet();
  private final ScheduledFuture<?> watch;
  private final AtomicLong ids = new AtomicLong();
  private final String mv;
  // bash reads a pipe a byte at a time (1.4 ms per 1 KB request here) but a file in blocks: each
  // request is written to a file in this owner-only directory and the pipe carries only ". file".
  private final Path requestDir;

  private JobShell(Process shell, String mv, Path requestDir) {
    this.shell = shell;
    this.requestDir = requestDir;
    this.requests = shell.getOutputStream();
    this.mv = mv;
    Thread reader = new Thread(this::readEvents, "baton-job-shell");
    reader.setDaemon(true);
    reader.start();
    this.watch =
        WATCHER.scheduleWithFixedDelay(
            this::reportVanished, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts the shell, or returns null where bash or setsid is missing. */
  static @Nullable JobShell start() {
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
    pb.environment().clear();
    pb.environment().putAll(baseEnvironment());
    try {
      Path requestDir =
          Files.createTempDirectory(
              "baton-jobs-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new JobShell(pb.start(), mv, requestDir);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * The environment the shell starts with, and attempts' environments are set relative to: this
   * process's, less what would change the shell itself (a non-interactive bash sources {@code
   * $BASH_ENV} and imports exported functions); attempts get their own values back from {@link
   * JobScript}.
   */
  static Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("BASH_ENV");
    env.remove("ENV");
    env.keySet().removeIf(k -> k.startsWith("BASH_FUNC_"));
    return env;
  }

  /**
   * An attempt handed to the shell: its process group (the subshell's pid) once the shell has
   * forked it, and its exit code to come.
   */
  record Job(long id, CompletableFuture<Long> processGroup, CompletableFuture<Integer> exit) {}

  /** Attempts handed to this shell that have not ended. */
  int running() {
    return exits.size();
  }

  /**
   * Hands the attempt {@code script} describes to the shell and returns at once: the engine does
   * not wait for the fork, so several shells fork in parallel.
   */
  Job launch(JobScript script) {
    long id = ids.incrementAndGet();
    CompletableFuture<Long> pid = new CompletableFuture<>();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    started.put(id, pid);
    exits.put(id, exit);
    Path request = request(id);
    try {
      // The text may hold secrets (as exports): the directory is owner-only, the file short-lived.
      Files.writeString(request, script.text(id, mv));
    } catch (IOException e) {
      started.remove(id);
      exits.remove(id);
      throw new InfrastructureException(
          "cannot write " + request + " to start a step: " + e.getMessage(), e);
    }
    send(". " + ShellQuote.quote(request.toString()));
    var unused =
        pid.orTimeout(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .whenComplete(
                (p, error) -> {
                  started.remove(id);
                  deleteQuietly(request);
                  if (error != null) {
                    exits.remove(id);
                    exit.completeExceptionally(
                        new InfrastructureException(
                            "the local job shell did not start the step within "
                                + START_TIMEOUT_SECONDS
                                + " s; is the machine overloaded or out of processes?",
                            error));
                  }
                });
    return new Job(id, pid, exit);
  }

  private Path request(long id) {
    return requestDir.resolve(id + ".sh");
  }

  /** Sends {@code signal} (TERM, KILL) to every process in the attempt's group. */
  void signal(Job job, String signal) {
    // Best effort: a shell that has stopped takes no request, and that failure stays in the
    // returned future (GroupStop still watches the group and gives up after the grace).
    var unused = job.processGroup().thenAccept(group -> send(signalRequest(job, group, signal)));
  }

  private static String signalRequest(Job job, long group, String signal) {
    String kill = "kill -s " + signal + " -- -" + group;
    // A subshell killed outright reports nothing itself; its parent, this shell, can.
    return "KILL".equals(signal) ? kill + "; " + reapRequest(job.id(), group) : kill;
  }

  /**
   * Has the shell report the attempt's end as its subshell cannot: one that is gone. Safe whether
   * or not the subshell reported it (the first end counts) and whether or not it was reaped.
   */
  void reportEnd(Job job) {
    // Runs once the group is known; nothing waits on it.
    CompletableFuture<Void> unused =
        job.processGroup().thenAccept(group -> reportEnd(job.id(), group));
  }

  private void reportEnd(long id, long group) {
    if (exits.containsKey(id) && reaping.add(id)) {
      send(reapRequest(id, group));
    }
  }

  private static String reapRequest(long id, long group) {
    return "wait " + group + "; builtin printf 'X " + id + " %s\\n' \"$?\" >&3";
  }

  /** Reports the end of running attempts whose subshell died without reporting it. */
  private void reportVanished() {
    try {
      groups.forEach(
          (id, group) -> {
            if (!ProcessGroups.alive(group)) {
              reportEnd(id, group);
            }
          });
    } catch (RuntimeException e) {
      // The shell is gone: its reader fails every attempt left.
    }
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
        String[] f = line.split(" ", -1);
        if (f.length != 3) {
          continue;
        }
        long id = Long.parseLong(f[1]);
        if ("S".equals(f[0])) {
          CompletableFuture<Long> pid = started.get(id);
          if (pid != null) {
            groups.put(id, Long.parseLong(f[2]));
            pid.complete(Long.parseLong(f[2]));
          }
        } else if ("X".equals(f[0])) {
          CompletableFuture<Integer> exit = exits.remove(id);
          groups.remove(id);
          reaping.remove(id);
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
    watch.cancel(false);
    try (var left = Files.list(requestDir)) {
      left.forEach(JobShell::deleteQuietly);
    } catch (IOException e) {
      // nothing left to clean
    }
    deleteQuietly(requestDir);
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

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp directory; the OS cleans it
    }
  }
}
