package dev.baton.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs /usr/bin/chromium headless once and reports what it printed. */
final class HeadlessChromium {
  /** {@code -Dbaton.chromium=PATH} points at another build (also how the skip path is tested). */
  static final Path BINARY = Path.of(System.getProperty("baton.chromium", "/usr/bin/chromium"));

  /** What one run printed: the DOM (with --dump-dom) on stdout, Chromium's log on stderr. */
  record Output(int exitCode, String stdout, String stderr) {
    /**
     * Log lines that show the page misbehaved: every console message the page caused (Chromium logs
     * them as {@code CONSOLE}; a clean static page causes none) and every CSP complaint.
     */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      for (String line : stderr.split("\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (line.contains(":CONSOLE")
            || lower.contains("content security policy")
            || lower.contains("refused to")
            || lower.contains("blocked script")) {
          problems.add(line);
        }
      }
      return problems;
    }
  }

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Takes a 1400x1000 screenshot of {@code url} into {@code png}. */
  static Output screenshot(String url, Path png, Path work)
      throws IOException, InterruptedException {
    return run(work, "--screenshot=" + png, "--window-size=1400,1000", url);
  }

  /** Prints the DOM of {@code url} after it loaded. */
  static Output dumpDom(String url, Path work) throws IOException, InterruptedException {
    return run(work, "--dump-dom", url);
  }

  private static Output run(Path work, String... extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0"));
    command.addAll(List.of(extra));
    Path stdout = Files.createTempFile(work, "chromium", ".out");
    Path stderr = Files.createTempFile(work, "chromium", ".err");
    // Files, not pipes: Chromium can print more than a pipe buffer holds before it exits.
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish in 120 s: " + command);
    }
    return new Output(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
