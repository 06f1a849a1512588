package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's console is masked like the reports: a secret a step prints, plainly or
 * encoded, leaves {@code baton run} only as "****" (the core's masking: SecretsRunTest).
 */
class SecretsConsoleTest {
  /** Needs URL-encoding (/, +, =, &, space). */
  private static final String TOKEN = "tk_9f/Q+x=Lw&3 Zr8pV";

  @TempDir Path dir;

  @Test
  void theCommandLineMasksItsConsoleToo() throws IOException {
    Files.writeString(dir.resolve("token.txt"), TOKEN);
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: secrets
        secrets:
          TOKEN: {file: token.txt}
        steps:
          leak:
            secrets: [TOKEN]
            run: |
              echo "plain: $TOKEN"
              printf %s "$TOKEN" | base64
              echo "failing because $TOKEN was rejected" >&2
              exit 3
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        BatonCli.execute(
            new String[] {
              "run",
              dir.resolve("baton.yaml").toString(),
              "--report-dir",
              dir.resolve("cli").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(console).isEqualTo(ExitCodes.STEP_FAILED);
    assertThat(console).contains("plain: ****").contains("failing because **** was rejected");
    List<String> forms =
        List.of(
            TOKEN,
            Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)),
            URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
    for (String form : forms) {
      assertThat(console).as("the console holds a form of the secret").doesNotContain(form);
    }
    try (Stream<Path> files = Files.walk(dir.resolve("cli"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String form : forms) {
          assertThat(text).as("%s holds a form of the secret", file).doesNotContain(form);
        }
      }
    }
  }
}
