package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.api.Baton;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.errors.UsageException;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets through real runs: they reach steps as variables and leave Baton only as "****". */
class SecretsRunTest {
  /** Needs URL-encoding (/, +, =, &, space) and is short enough for one line of base64. */
  private static final String TOKEN = "tk_9f/Q+x=Lw&3 Zr8pV";

  private static final String LEAKY_STEP =
      """
      urlencode() {
        s="$1"; out=""
        while [ -n "$s" ]; do
          c="${s%"${s#?}"}"; s="${s#?}"
          case "$c" in
            [A-Za-z0-9.~_-]) out="$out$c" ;;
            *) out="$out$(printf '%%%02X' "'$c")" ;;
          esac
        done
        printf '%s\\n' "$out"
      }
      echo "plain: $TOKEN"
      printf %s "$TOKEN" | base64
      printf 'header.%s.trailer' "$TOKEN" | base64 -w0; echo
      printf 'ab%sz' "$TOKEN" | base64 -w0; echo
      printf 'a%s' "$TOKEN" | base64 -w0; echo
      echo "url: $(urlencode "$TOKEN")"
      echo "failing because $TOKEN was rejected" >&2
      exit 3
      """;

  @TempDir Path dir;

  @Test
  void aSecretPrintedPlainlyAndEncodedAppearsInNoReportLogOrConsole() throws IOException {
    Files.writeString(dir.resolve("token.txt"), TOKEN + "\n");
    Path summary = dir.resolve("github-step-summary.md");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    PipelineFixture f = leakyPipeline("{file: token.txt}");
    List<String> console = new ArrayList<>();

    RunOutcome out =
        new Baton(e -> console.add(e.toString()), env)
            .run(f.config().toBuilder().failFast(false).build());

    assertThat(PipelineFixture.step(out, "leak").status()).isEqualTo(StepState.FAILED);
    assertThat(console).anySatisfy(line -> assertThat(line).contains("plain: ****"));
    assertNoLeak(out.reportDir(), String.join("\n", console) + Files.readString(summary));
    assertThat(f.log(out, "leak")).contains("plain: ****").contains("url: ****");
    assertThat(Files.readString(out.reportDir().resolve("junit.xml")))
        .contains("failing because **** was rejected");
  }

  @Test
  void onlyListingStepsGetTheSecretAndNeverOnACommandLine() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: secrets
        secrets:
          TOKEN: {env: CI_TOKEN}
        steps:
          with:
            secrets: [TOKEN]
            run: |
              printf '%s|%s' "$TOKEN" "${CI_TOKEN-unset}" > with.txt
              tr '\\0' ' ' < /proc/$$/cmdline > cmdline.txt
              tr '\\0' ' ' < /proc/$PPID/cmdline >> cmdline.txt
          without:
            run: printf '%s|%s' "${TOKEN-unset}" "${CI_TOKEN-unset}" > without.txt
        """);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CI_TOKEN", TOKEN);

    RunOutcome out = new Baton(e -> {}, env).run(f.config());

    assertThat(out.record().steps())
        .allSatisfy(s -> assertThat(s.status()).isEqualTo(StepState.SUCCEEDED));
    assertThat(Files.readString(dir.resolve("with.txt"))).isEqualTo(TOKEN + "|unset");
    assertThat(Files.readString(dir.resolve("without.txt"))).isEqualTo("unset|unset");
    assertThat(Files.readString(dir.resolve("cmdline.txt")))
        .contains("$TOKEN")
        .doesNotContain(TOKEN);
    assertThat(Files.getPosixFilePermissions(out.reportDir().resolve("logs/with.log")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void aSecretThatCannotBeReadStopsTheRunBeforeAnythingRuns() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: secrets
        secrets:
          TOKEN: {env: CI_TOKEN_NOT_SET}
          KEY: {file: missing/key.pem}
          UNUSED: {env: ALSO_NOT_SET}
        steps:
          first: {run: touch ran.txt}
          push: {needs: [first], secrets: [TOKEN, KEY], run: 'true'}
        """);
    Baton baton = new Baton(e -> {}, Map.of("PATH", System.getenv("PATH")));

    assertThat(baton.check(f.config()).secrets()).hasSize(3);
    assertThatThrownBy(() -> baton.run(f.config()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(
            "secret TOKEN (" + f.file + ":4:3): environment variable CI_TOKEN_NOT_SET is not set")
        .hasMessageContaining("secret KEY")
        .hasMessageContaining(
            "cannot read file " + dir.resolve("missing/key.pem") + " (no such file)")
        .hasMessageNotContaining("UNUSED")
        .isInstanceOf(UsageException.class);
    assertThat(dir.resolve("ran.txt")).doesNotExist();
    assertThat(dir.resolve("report")).doesNotExist();
  }

  @Test
  void retriedAttemptsAreMaskedToo() throws IOException {
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
        version: 1
        name: secrets
        secrets:
          TOKEN: {env: CI_TOKEN}
        steps:
          flaky:
            secrets: [TOKEN]
            retry: {limit: 1, backoff: {duration: 10ms}}
            run: echo "try $TOKEN"; [ -f once ] || { touch once; exit 1; }
        """);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CI_TOKEN", TOKEN);
    List<RunEvent> events = new ArrayList<>();

    RunOutcome out = new Baton(events::add, env).run(f.config());

    assertThat(PipelineFixture.step(out, "flaky").attempts()).hasSize(2);
    assertThat(f.log(out, "flaky")).contains("try ****\n----- attempt 2 -----\ntry ****\n");
    assertNoLeak(out.reportDir(), events.toString());
  }

  private PipelineFixture leakyPipeline(String source) {
    StringBuilder yaml =
        new StringBuilder(
            """
        version: 1
        name: secrets
        secrets:
          TOKEN: SOURCE
        steps:
          leak:
            secrets: [TOKEN]
            run: |
        """
                .replace("SOURCE", source));
    LEAKY_STEP.lines().forEach(l -> yaml.append("      ").append(l).append('\n'));
    return new PipelineFixture(dir, yaml.toString());
  }

  /** Every file under {@code reportDir}, and {@code console}, hold no form of the token. */
  private static void assertNoLeak(Path reportDir, String console) throws IOException {
    List<String> leaks = leaks();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(reportDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files)
        .extracting(p -> reportDir.relativize(p).toString())
        .contains("run.json", "junit.xml", "summary.md", "report.html");
    StringBuilder all = new StringBuilder(console);
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      all.append(text);
      for (String leak : leaks) {
        assertThat(text).as("%s holds a form of the secret", file).doesNotContain(leak);
      }
    }
    for (String leak : leaks) {
      assertThat(console).as("the console holds a form of the secret").doesNotContain(leak);
    }
    assertThat(all).contains("****");
  }

  private static List<String> leaks() {
    byte[] bytes = TOKEN.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(TOKEN);
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
    forms.add("tk_9f%2FQ%2Bx%3DLw%263%20Zr8pV");
    // Whatever surrounds it, these characters of a longer blob's encoding come from the token.
    for (String prefix : List.of("header.", "ab", "a")) {
      String blob =
          Base64.getEncoder()
              .encodeToString((prefix + TOKEN + "!").getBytes(StandardCharsets.UTF_8));
      int from = (8 * prefix.length() + 5) / 6 + 1;
      int to = 8 * (prefix.length() + bytes.length) / 6 - 1;
      forms.add(blob.substring(from, to));
    }
    return forms;
  }
}
