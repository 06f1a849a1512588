package dev.baton.jenkins.runtime;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code sh} step for real, as Jenkins' durable task runs it on a Linux agent: the script is
 * written to {@code <workspace>@tmp/durable-XXXX/script.sh} and run with {@code /bin/sh -xe} (dash
 * on Debian and Ubuntu, so bash-only syntax fails as it does there), or directly when it starts
 * with {@code #!}; in the current directory, with the process environment, the agent's variables
 * and the block steps' variables, as Jenkins composes them ({@code PATH+NAME=dir} prepends to
 * {@code PATH}). An interrupt (abort, timeout) kills the script and everything it started.
 */
final class ShellStep {
  /** How a script ended, and its standard output when it was asked for. */
  record Result(int status, String stdout) {}

  private ShellStep() {}

  static Result run(
      String script,
      Path cwd,
      Path workspaceTmp,
      Map<String, String> vars,
      boolean captureStdout,
      Consumer<String> log) {
    Path file = scriptFile(script, workspaceTmp);
    ProcessBuilder builder =
        (script.startsWith("#!")
                ? new ProcessBuilder(file.toString())
                : new ProcessBuilder("/bin/sh", "-xe", file.toString()))
            .directory(cwd.toFile());
    builder.environment().putAll(compose(builder.environment(), vars));
    builder.redirectErrorStream(!captureStdout);
    Process process = null;
    try {
      process = builder.start();
      process.getOutputStream().close();
      Thread stderr = captureStdout ? pump(process.getErrorStream(), log) : null;
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      if (captureStdout) {
        process.getInputStream().transferTo(stdout);
      } else {
        pump(process.getInputStream(), log).join();
      }
      int status = process.waitFor();
      if (stderr != null) {
        stderr.join();
      }
      return new Result(status, stdout.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      log.accept("Sending interrupt signal to process");
      awaitExitAfterInterrupt(process, log);
      throw new FlowInterruptedException("sh interrupted");
    } finally {
      deleteTree(file.getParent());
    }
  }

  /**
   * Waits for an interrupted process to end, as Jenkins' durable task does: the step ends only when
   * the process has (a process writing its last records must not race the pipeline's finally
   * blocks); after 10 s it is killed, with Jenkins' message.
   */
  private static void awaitExitAfterInterrupt(Process process, Consumer<String> log) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (process.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.accept("After 10s process did not respond to interruption");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        break;
      }
      try {
        process.waitFor(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException again) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path scriptFile(String script, Path workspaceTmp) {
    try {
      Files.createDirectories(workspaceTmp);
      Path dir = Files.createTempDirectory(workspaceTmp, "durable-");
      Path file = dir.resolve("script.sh");
      Files.writeString(file, script);
      file.toFile().setExecutable(true);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      RecordingPipelineRuntime.deleteTree(dir);
    } catch (UncheckedIOException e) {
      // A leftover script directory in @tmp is harmless.
    }
  }

  /** Applies {@code vars} over {@code base}; a {@code KEY+NAME} entry prepends to {@code KEY}. */
  static Map<String, String> compose(Map<String, String> base, Map<String, String> vars) {
    Map<String, String> env = new LinkedHashMap<>(base);
    for (Map.Entry<String, String> var : vars.entrySet()) {
      int plus = var.getKey().indexOf('+');
      if (plus > 0) {
        String key = var.getKey().substring(0, plus);
        String old = env.get(key);
        env.put(key, old == null || old.isEmpty() ? var.getValue() : var.getValue() + ":" + old);
      } else {
        env.put(var.getKey(), var.getValue());
      }
    }
    return env;
  }

  private static Thread pump(InputStream in, Consumer<String> log) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  log.accept(line);
                }
              } catch (IOException e) {
                log.accept("[runtime] cannot read process output: " + e.getMessage());
              }
            });
    thread.start();
    return thread;
  }
}
