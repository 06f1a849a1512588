package dev.baton.it.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.core.testing.RequiredTool;
import dev.baton.it.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action (action.yml) and the GitLab CI template (templates/baton.gitlab-ci.yml) are
 * valid against the published schemas for them, vendored in src/test/ci-schemas (README.md there
 * says where from): Ajv (npm), installed from the committed lock file into target/ci-ajv.
 */
class CiTemplatesSchemaTest {
  private static final Path SOURCES = Path.of("src", "test", "ci-schemas");
  private static final Path WORK = Path.of("target", "ci-ajv").toAbsolutePath();
  private static final Path ACTION = CliRun.REPO.resolve("action.yml");
  private static final Path GITLAB = CliRun.REPO.resolve("templates/baton.gitlab-ci.yml");
  private static final Path ACTION_SCHEMA =
      SOURCES.resolve("schemas/github-action.json").toAbsolutePath();
  private static final Path GITLAB_SCHEMA =
      SOURCES.resolve("schemas/gitlab-ci.json").toAbsolutePath();

  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path tmp;

  @BeforeAll
  static void installAjv() throws Exception {
    RequiredTool.require(
        works("node", "--version") && works("npm", "--version"),
        "node and npm are not on PATH; install Node.js 18 or later to check action.yml and the"
            + " GitLab template against their schemas");
    Files.createDirectories(WORK);
    boolean lockChanged =
        !Files.exists(WORK.resolve("package-lock.json"))
            || Files.mismatch(
                    SOURCES.resolve("package-lock.json"), WORK.resolve("package-lock.json"))
                >= 0;
    for (String file : List.of("package.json", "package-lock.json", "check-ci.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (lockChanged || !Files.isDirectory(WORK.resolve("node_modules/ajv"))) {
      Run install = Run.of(WORK, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      RequiredTool.require(
          install.exit == 0,
          "npm ci in " + WORK + " failed (is the npm registry reachable?):\n" + install.output);
    }
  }

  @Test
  void theActionIsValidActionMetadata() throws Exception {
    Run check = check(ACTION_SCHEMA, ACTION);

    assertThat(check.exit).as(check.output).isZero();
    assertThat(check.output).contains("checked 1 files").contains(": 0 problems");
  }

  @Test
  void theActionTakesFileParamsVersionArgsAndSetsStatusAndReportDir() throws Exception {
    JsonNode action = YAML.readTree(ACTION.toFile());

    assertThat(action.get("runs").get("using").asText()).isEqualTo("composite");
    assertThat(names(action.get("inputs"))).contains("file", "params", "version", "args");
    assertThat(names(action.get("outputs"))).containsExactly("status", "report-dir");
  }

  @Test
  void theGitLabTemplateIsValidGitLabCi() throws Exception {
    Run check = check(GITLAB_SCHEMA, GITLAB);
    Run resolved = check(GITLAB_SCHEMA, withExtendsResolved(GITLAB, tmp));

    assertThat(check.exit).as(check.output).isZero();
    assertThat(check.output).contains(": 0 problems");
    assertThat(resolved.exit).as(resolved.output).isZero();
    JsonNode job = YAML.readTree(GITLAB.toFile()).get(".baton");
    assertThat(job.get("artifacts").get("reports").get("junit").asText())
        .isEqualTo("$BATON_REPORT_DIR/junit.xml");
    assertThat(job.get("artifacts").get("when").asText()).isEqualTo("always");
  }

  @Test
  void aMistakeInEitherFileFailsTheCheckNamingIt() throws Exception {
    // A composite step without `shell`, and a junit report that is not a path.
    Path action = tmp.resolve("action.yml");
    Files.writeString(
        action,
        Files.readString(ACTION)
            .replace(
                "      shell: bash\n      env:\n        BATON_VERSION",
                "      env:\n        BATON_VERSION"));
    Path gitlab = tmp.resolve("baton.gitlab-ci.yml");
    Files.writeString(
        gitlab, Files.readString(GITLAB).replace("junit: $BATON_REPORT_DIR/junit.xml", "junit: 7"));

    Run badAction = check(ACTION_SCHEMA, action);
    Run badGitlab = check(GITLAB_SCHEMA, withExtendsResolved(gitlab, tmp));

    assertThat(badAction.exit).as(badAction.output).isEqualTo(1);
    assertThat(badAction.output).contains(action + ": /runs/steps/0");
    assertThat(badGitlab.exit).as(badGitlab.output).isEqualTo(1);
    assertThat(badGitlab.output).contains(": /baton/artifacts/reports/junit");
  }

  /**
   * The template as GitLab checks it once {@code extends} is applied: the schema accepts anything
   * under a hidden key ({@code .baton}), so the job {@code baton} with the hidden job merged in
   * (deeply, its own keys winning, as GitLab merges) is what holds the template's content.
   */
  private static Path withExtendsResolved(Path template, Path dir) throws IOException {
    ObjectNode doc = (ObjectNode) YAML.readTree(template.toFile());
    ObjectNode resolved = doc.deepCopy();
    doc.fields()
        .forEachRemaining(
            job -> {
              if (!job.getKey().startsWith(".")
                  && job.getValue() instanceof ObjectNode own
                  && own.has("extends")) {
                ObjectNode merged = doc.get(own.get("extends").asText()).deepCopy();
                ObjectNode overlay = own.deepCopy();
                overlay.remove("extends");
                merge(merged, overlay);
                resolved.set(job.getKey(), merged);
              }
            });
    Path out = dir.resolve("resolved-" + template.getFileName());
    YAML.writeValue(out.toFile(), resolved);
    return out;
  }

  private static void merge(ObjectNode target, ObjectNode overlay) {
    overlay
        .fields()
        .forEachRemaining(
            f -> {
              if (target.get(f.getKey()) instanceof ObjectNode t
                  && f.getValue() instanceof ObjectNode o) {
                merge(t, o);
              } else {
                target.set(f.getKey(), f.getValue());
              }
            });
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Run check(Path schema, Path file) throws Exception {
    return Run.of(WORK, "node", "check-ci.mjs", schema.toString(), file.toString());
  }

  private static boolean works(String... command) {
    try {
      return Run.of(Path.of("."), command).exit == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A finished process: its exit code and its output, stdout and stderr together. */
  private record Run(int exit, String output) {
    static Run of(Path dir, String... command) throws IOException, InterruptedException {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Run(-1, String.join(" ", command) + " did not finish in 5 minutes");
      }
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
  }
}
