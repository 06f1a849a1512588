package dev.baton.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Whether headless Chromium loads a report page and prints its whole DOM. */
final class Chromium {
  private Chromium() {}

  /** A sentence saying so, with the time it took; "not checked" without Chromium. */
  static String opens(Path html, Path tmp) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      return "%nreport.html in Chromium: not checked (no /usr/bin/chromium)%n".formatted();
    }
    Path dom = Files.createTempFile(tmp, "dom", ".html");
    Path profile = Files.createTempDirectory(tmp, "chromium");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + profile,
                "--dump-dom",
                html.toUri().toString())
            .redirectOutput(dom.toFile())
            .redirectError(new File("/dev/null"))
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not load " + html + " in 5 minutes");
    }
    String text = Files.readString(dom);
    assertThat(p.exitValue()).isZero();
    assertThat(text).contains("id=\"steps\"").contains("</html>");
    return String.format(
        Locale.ROOT,
        "%nreport.html in headless Chromium: loaded and its DOM printed in %.1f s%n",
        (System.nanoTime() - start) / 1e9);
  }
}
