package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsDescriptorTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");

  private static List<String> problems(String yaml) {
    try {
      DescriptorReader.parse(FILE, yaml);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsSecretsFromEnvAndFileAndWhichStepsGetThem() {
    PipelineDescriptor d =
        DescriptorReader.parse(
            FILE,
            """
        version: 1
        name: x
        secrets:
          REGISTRY_TOKEN: {env: CI_REGISTRY_TOKEN}
          DB_PASSWORD: {file: secrets/db}
        steps:
          push: {run: ./push.sh, secrets: [REGISTRY_TOKEN, DB_PASSWORD]}
          lint: {run: ./lint.sh}
        """);

    assertThat(d.secrets().get("REGISTRY_TOKEN").source())
        .isEqualTo(new SecretSpec.FromEnv("CI_REGISTRY_TOKEN"));
    assertThat(d.secrets().get("DB_PASSWORD").source())
        .isEqualTo(new SecretSpec.FromFile("secrets/db"));
    assertThat(d.secrets().get("DB_PASSWORD").position().line()).isEqualTo(5);
    assertThat(d.steps().get("push").secrets()).containsExactly("REGISTRY_TOKEN", "DB_PASSWORD");
    assertThat(d.steps().get("lint").secrets()).isEmpty();
  }

  @Test
  void unknownSecretOfAStepIsReportedAtItsPositionWithDidYouMean() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        secrets:
          REGISTRY_TOKEN: {env: CI_REGISTRY_TOKEN}
        steps:
          push:
            run: ./push.sh
            secrets: [REGISTRY_TOKN]
        """);

    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:8:15: unknown secret 'REGISTRY_TOKN'")
        .contains("did you mean 'REGISTRY_TOKEN'?");
  }

  @Test
  void aStepSecretWithNoSecretsDeclaredSaysWhereToDeclareIt() {
    assertThat(
            problems(
                """
        version: 1
        name: x
        steps:
          push: {run: ./push.sh, secrets: [TOKEN]}
        """))
        .singleElement()
        .asString()
        .contains("unknown secret 'TOKEN'")
        .contains("declare it under the top-level 'secrets:', such as TOKEN: {env: TOKEN}");
  }

  @Test
  void substitutingASecretIntoRunIsAnErrorAtItsColumn() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        secrets:
          TOKEN: {env: CI_TOKEN}
        steps:
          push:
            run: ./push.sh --token ${{ secrets.TOKEN }}
            secrets: [TOKEN]
        """);

    assertThat(p)
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:7:28: a secret cannot be substituted with ${{ }}")
        .contains("use the environment variable instead, e.g. \"$TOKEN\"");
  }

  @Test
  void substitutionIsFoundInListCommandsBlockScalarsAndEnvValues() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        secrets:
          TOKEN: {env: CI_TOKEN}
        env:
          AUTH: "Bearer ${{ secrets.TOKEN }}"
        steps:
          a:
            run: [curl, -H, "${{secrets.TOKEN}}", https://h]
          b:
            run: |
              echo start
              login --password ${{ secrets.TOKEN }}
            env: {PW: '${{ secrets.TOKEN }}'}
        """);

    assertThat(p)
        .hasSize(4)
        .allSatisfy(s -> assertThat(s).contains("e.g. \"$TOKEN\""))
        .anySatisfy(s -> assertThat(s).startsWith("pipelines/baton.yaml:6:17:"))
        .anySatisfy(s -> assertThat(s).startsWith("pipelines/baton.yaml:9:22:"))
        .anySatisfy(s -> assertThat(s).startsWith("pipelines/baton.yaml:13:24:"))
        .anySatisfy(s -> assertThat(s).startsWith("pipelines/baton.yaml:14:16:"));
  }

  @Test
  void badNamesAndSourcesAreReported() {
    List<String> p =
        problems(
            """
        version: 1
        name: x
        secrets:
          1TOKEN: {env: A}
          BOTH: {env: A, file: b}
          NEITHER: {}
          BAD_VAR: {env: "not-a-name"}
          BATON_X: {env: A}
          PLAIN: just-a-value
        steps:
          a: {run: 'true'}
        """);

    assertThat(p)
        .anySatisfy(s -> assertThat(s).contains(":4:3: secret name '1TOKEN' is not"))
        .anySatisfy(s -> assertThat(s).contains("secret 'BOTH' has both 'env' and 'file'"))
        .anySatisfy(s -> assertThat(s).contains("secret 'NEITHER' says nowhere to read it from"))
        .anySatisfy(s -> assertThat(s).contains("'not-a-name' is not an environment variable name"))
        .anySatisfy(s -> assertThat(s).contains("'BATON_X' starts with BATON_"))
        .anySatisfy(
            s -> assertThat(s).contains("secret 'PLAIN' must be a mapping with 'env' or 'file'"));
  }

  @Test
  void otherSubstitutionsAreNotMistakenForSecrets() {
    PipelineDescriptor d =
        DescriptorReader.parse(
            FILE,
            """
        version: 1
        name: x
        steps:
          a:
            run: echo ${{ env.secretsDir }} ${{ params.secret }}
        """);

    assertThat(d.secrets()).isEmpty();
    assertThat(d.steps().get("a").secrets()).isEmpty();
  }
}
