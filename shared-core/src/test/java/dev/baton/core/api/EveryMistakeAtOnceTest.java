package dev.baton.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton check} reports the mistakes of every phase (reading, expressions, agents) in one
 * pass, each once, even when they are found per matrix cell.
 */
class EveryMistakeAtOnceTest {
  @TempDir Path workspace;

  @Test
  void aTypeErrorUnknownNamesAndAnImpossibleLabelComeOutTogetherEachOnce() throws Exception {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: m
        params:
          epochs: "3"
        steps:
          prep:
            run: echo prep
            timeout: banana
          train:
            matrix:
              lr: [0.1, 0.01]
            run: python train.py --lr ${{ matrix.rl }} --epochs ${{ parms.epochs }}
            needs: [prep]
          gpu:
            run: echo hi
            agent: {label: tpu-v9}
        """);

    DescriptorException e =
        catchThrowableOfType(
            () -> new Baton(event -> {}, Map.of()).check(BatonConfig.of(file)),
            DescriptorException.class);

    assertThat(e).isNotNull();
    assertThat(e.problems())
        .extracting(p -> p.position().line() + ":" + p.position().column() + " " + p.message())
        .containsExactly(
            "8:14 step 'prep'.timeout 'banana' is not a duration",
            "12:35 unknown name 'matrix.rl' in 'run' of step 'train'",
            "12:61 unknown name 'parms.epochs' in 'run' of step 'train'",
            "14:3 no agent can run step gpu: it needs label 'tpu-v9'; closest: "
                + e.problems().get(3).message().replaceFirst(".*closest: ", ""));
    assertThat(e.problems()).doesNotHaveDuplicates();
  }

  @Test
  void everyUnknownNameInAStageCommandIsReported() throws Exception {
    Path file = workspace.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: d
        steps:
          ship:
            deploy:
              strategy: canary
              shift: set-weight ${{ deploy.wieght }} --env ${{ parms.env }}
              rollback: echo 0
        """);

    DescriptorException e =
        catchThrowableOfType(
            () -> new Baton(event -> {}, Map.of()).check(BatonConfig.of(file)),
            DescriptorException.class);

    assertThat(e).isNotNull();
    assertThat(e.problems())
        .extracting(DescriptorProblem::message)
        .anySatisfy(m -> assertThat(m).startsWith("unknown name 'deploy.wieght'"))
        .anySatisfy(m -> assertThat(m).startsWith("unknown name 'parms.env'"));
  }

  @Test
  void aProblemFoundTwiceIsReportedOnce() {
    DescriptorProblem p =
        new DescriptorProblem(new SourcePosition("baton.yaml", 3, 5), "wrong", "fix it");
    DescriptorException e = new DescriptorException(List.of(p, p));
    assertThat(e.problems()).containsExactly(p);
    assertThat(e.getMessage()).isEqualTo("baton.yaml:3:5: wrong; fix it");
  }
}
