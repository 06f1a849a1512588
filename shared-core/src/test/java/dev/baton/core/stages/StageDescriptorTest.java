package dev.baton.core.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.errors.DescriptorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageDescriptorTest {
  @TempDir Path dir;

  private PipelineDescriptor read(String steps) throws Exception {
    Path f = dir.resolve("baton.yaml");
    Files.writeString(f, "version: 1\nname: p\nsteps:\n" + steps);
    return DescriptorReader.read(f);
  }

  @Test
  void appliesDocumentedDefaults() throws Exception {
    PipelineDescriptor d =
        read(
            "  b:\n    benchmark:\n      run: ./x\n      regression: {baseline: main}\n"
                + "  d:\n    deploy:\n      strategy: canary\n      shift: ./s ${{ deploy.weight }}\n"
                + "      health: {http: 'http://h/health'}\n      analysis: {run: ./a, gates: [e < 1]}\n");
    StageSpec.Benchmark b = (StageSpec.Benchmark) d.steps().get("b").stage().orElseThrow();
    assertThat(d.steps().get("b").kind()).isEqualTo(StepKind.BENCHMARK);
    assertThat(b.warmup()).isEqualTo(1);
    assertThat(b.repeat()).isEqualTo(10);
    assertThat(b.regression().orElseThrow().maxSlowdown()).isEqualTo(0.05);
    assertThat(b.regression().orElseThrow().confidence()).isEqualTo(0.95);
    DeploySpec dep = (DeploySpec) d.steps().get("d").stage().orElseThrow();
    assertThat(dep.weights()).containsExactly(10, 50, 100);
    DeploySpec.Health h = dep.health().orElseThrow();
    assertThat(h.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(h.count()).isEqualTo(3);
    assertThat(h.failureLimit()).isEqualTo(1);
    assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(dep.analysis().orElseThrow().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(dep.analysis().orElseThrow().count()).isEqualTo(1);
  }

  @Test
  void reportsEveryStageMistakeAtOnce() {
    assertThatThrownBy(
            () ->
                read(
                    "  v:\n    run: ./x\n    validate: {metrics: m.json, gates: ['accuracy >=']}\n"
                        + "  w:\n    validate: {gates: [{metric: auc, maxDrop: 0.1}]}\n"
                        + "  d:\n    deploy: {strategy: canary}\n"))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("does more than one thing")
        .hasMessageContaining("needs 'metrics'")
        .hasMessageContaining("maxDrop or maxRise but no baseline")
        .hasMessageContaining("canary without 'shift'");
  }
}
