package dev.baton.jenkins.runtime;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code sh} step for real: {@code bash -e -c script} in the current workspace directory, with
 * the process environment, the agent's variables and the block steps' variables, as Jenkins
 * composes them ({@code PATH+NAME=dir} prepends to {@code PATH}).
 */
final class ShellStep {
  /** How a script ended, and its standard output when it was asked for. */
  record Result(int status, String stdout) {}

  private ShellStep() {}

  static Result run(
      String script,
      Path cwd,
      Map<String, String> vars,
      boolean captureStdout,
      Consumer<String> log) {
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script).directory(cwd.toFile());
    builder.environment().putAll(compose(builder.environment(), vars));
    builder.redirectErrorStream(!captureStdout);
    try {
      Process process = builder.start();
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
      Thread.currentThread().interrupt();
      throw new FlowInterruptedException("sh interrupted");
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
