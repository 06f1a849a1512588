package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret that every common encoding changes — a quote, a backslash, a space, a slash, a tilde, a
 * non-ASCII letter, an apostrophe — printed by a step the ways programs print strings, and named in
 * a metric's key: it must reach neither the console nor any file of the report directory.
 */
class SecretFormsEndToEndTest {
  /** What no escaping changes: found in a file, the secret leaked in some escaped form. */
  private static final String CORE = "Zq9Xw7Vb";

  private static final String SECRET = "tok\"en\\ /~ é'" + CORE;

  /**
   * The secret as Python 3 prints it (json.dumps with and without ensure_ascii, urllib.parse.quote
   * and quote_plus, shlex.quote, base64 of the secret alone and inside a longer blob, URL-safe
   * base64 unpadded): frozen here so the test runs where Python is missing.
   */
  private static final List<String> PRINTED_BY_PYTHON =
      List.of(
          "\"tok\\\"en\\\\ /~ \\u00e9'Zq9Xw7Vb\"",
          "\"tok\\\"en\\\\ /~ é'Zq9Xw7Vb\"",
          "tok%22en%5C%20/~%20%C3%A9%27Zq9Xw7Vb",
          "tok%22en%5C+%2F~+%C3%A9%27Zq9Xw7Vb",
          "'tok\"en\\ /~ é'\"'\"'Zq9Xw7Vb'",
          "dG9rImVuXCAvfiDDqSdacTlYdzdWYg==",
          "eHl0b2siZW5cIC9+IMOpJ1pxOVh3N1Zieg==",
          "dG9rImVuXCAvfiDDqSdacTlYdzdWYg");

  /** Besides {@link #CORE}: the Base64 forms, and the part of the blob only the secret decides. */
  private static final List<String> LEAKS =
      List.of(CORE, "dG9rImVuXCAvfiDDqSdacTlYdzdWYg", "ZW5cIC9+IMOpJ1pxOVh3N1Zi");

  /** Prints the same forms live when python3 is on the PATH. */
  private static final String PYTHON =
      """
      import base64, json, os, shlex, urllib.parse
      s = os.environ["TOKEN"]
      b = s.encode()
      for form in [json.dumps(s), json.dumps(s, ensure_ascii=False), urllib.parse.quote(s),
                   urllib.parse.quote_plus(s), shlex.quote(s), base64.b64encode(b).decode(),
                   base64.b64encode(b"xy" + b + b"z").decode(),
                   base64.urlsafe_b64encode(b).decode().rstrip("=")]:
          print("python:", form)
      print(json.dumps({"token": s, "url": "https://h/?t=" + urllib.parse.quote_plus(s)}))
      """;

  private static final String YAML =
      """
      version: 1
      name: secret-forms
      secrets:
        TOKEN: {env: E2E_TOKEN}
      steps:
        leak:
          secrets: [TOKEN]
          run: ./leak.sh
          continueOnError: true
        metrics:
          secrets: [TOKEN]
          validate:
            run: ./metrics.sh
            metrics: metrics.json
            gates:
              - accuracy >= 0.5
      """;

  @TempDir Path tmp;

  @Test
  void aSecretPrintedJsonUrlShellAndBase64EncodedOrInAMetricKeyIsInNoReport() throws Exception {
    StringBuilder leak = new StringBuilder("#!/bin/sh\n");
    for (String form : PRINTED_BY_PYTHON) {
      leak.append("printf '%s\\n' ").append(shellQuoted("printed: " + form)).append('\n');
    }
    leak.append("if command -v python3 >/dev/null 2>&1; then\npython3 - <<'PY'\n")
        .append(PYTHON)
        .append("PY\nfi\n")
        .append("echo 'step failed on purpose: it may (continueOnError)'\nexit 3\n");
    script("leak.sh", leak.toString());
    script(
        "metrics.sh",
        "#!/bin/sh\nprintf '%s\\n' "
            + shellQuoted("{\"accuracy\": 0.9, \"latency_token=" + jsonEscaped() + "\": 12}")
            + " > metrics.json\n");
    Files.writeString(tmp.resolve("baton.yaml"), YAML);

    CliRun p =
        CliRun.run(tmp, Map.of("E2E_TOKEN", SECRET), "run", "baton.yaml", "--report-dir", "out");

    assertThat(p.exitCode).as(p.toString()).isZero();
    Path out = tmp.resolve("out");
    String log = Files.readString(out.resolve("logs/leak.log"), StandardCharsets.UTF_8);
    assertThat(log).contains("printed: ****").contains("step failed on purpose");
    for (String where : reportTexts(out, p.output)) {
      for (String form : LEAKS) {
        assertThat(where).as("leaked %s", form).doesNotContain(form);
      }
    }
    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    JsonNode metrics = null;
    for (JsonNode step : run.get("steps")) {
      if (step.get("id").asText().equals("metrics")) {
        metrics = step.get("results").get("metrics");
      }
    }
    assertThat(metrics.has("latency_token=****")).as("%s", metrics).isTrue();
    assertThat(Files.readString(out.resolve("junit.xml")))
        .doesNotContain("<failure")
        .contains("allowed to fail (continueOnError)");
  }

  /** The console output, and every file in the report directory (logs, journal, reports). */
  private static List<String> reportTexts(Path out, String console) throws IOException {
    List<String> texts = new ArrayList<>();
    texts.add(console);
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        names.add(out.relativize(f).toString());
        texts.add(out.relativize(f) + ":\n" + Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    assertThat(names)
        .contains(
            "run.json",
            "junit.xml",
            "summary.md",
            "report.html",
            "logs/leak.log",
            "logs/metrics.log");
    return texts;
  }

  private void script(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    file.toFile().setExecutable(true);
  }

  /** The secret as JSON writes it inside a string, non-ASCII as \\u escapes. */
  private static String jsonEscaped() {
    return SECRET.replace("\\", "\\\\").replace("\"", "\\\"").replace("é", "\\u00e9");
  }

  private static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
