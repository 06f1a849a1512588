package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.agents.GpuBusyPolicies;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuBusyDescriptorTest {
  private static final Path FILE = Path.of("pipelines/baton.yaml");
  private static final String STEPS = "steps:\n  a: {run: 'true'}\n";

  @TempDir Path dir;

  private static PipelineDescriptor parse(String yaml) {
    return DescriptorReader.parse(FILE, "version: 1\nname: x\n" + yaml + STEPS);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      return e.problems().stream().map(DescriptorProblem::format).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void withoutGpuBusyEveryForeignProcessMakesItsGpuBusy() {
    PipelineDescriptor d = parse("agents:\n  - {name: ws1}\n");

    assertThat(d.gpuBusy()).isEqualTo(GpuBusyPolicy.DEFAULT);
    assertThat(d.agents().get(0).gpuBusy()).isEmpty();
    assertThat(GpuBusyPolicies.byAgent(d.agents(), d.gpuBusy()))
        .containsExactly(Map.entry("ws1", GpuBusyPolicy.DEFAULT));
  }

  @Test
  void readsAnAgentsIgnoreForeignAndMemoryThreshold() {
    PipelineDescriptor d =
        parse(
            """
            agents:
              - {name: ws1, gpuBusy: {ignoreForeign: true}}
              - {name: ws2, gpuBusy: {minMemory: 1GiB}}
            """);

    assertThat(d.agents().get(0).gpuBusy()).contains(new GpuBusyPolicy(true, 0));
    assertThat(d.agents().get(1).gpuBusy()).contains(new GpuBusyPolicy(false, 1024));
  }

  @Test
  void topLevelGpuBusyIsTheDefaultOfAgentsWithoutTheirOwnAndOfTheLocalAgent() {
    PipelineDescriptor d =
        parse(
            """
            gpuBusy: {minMemory: 512MiB}
            agents:
              - {name: ws1}
              - {name: ws2, gpuBusy: {ignoreForeign: true}}
            """);
    GpuBusyPolicy topLevel = new GpuBusyPolicy(false, 512);

    assertThat(d.gpuBusy()).isEqualTo(topLevel);
    assertThat(GpuBusyPolicies.byAgent(d.agents(), d.gpuBusy()))
        .containsOnly(Map.entry("ws1", topLevel), Map.entry("ws2", new GpuBusyPolicy(true, 0)));
    assertThat(GpuBusyPolicies.byAgent(List.of(), topLevel))
        .containsExactly(Map.entry("local", topLevel));
  }

  @Test
  void misspeltGpuBusyKeyIsReportedWhereItStands() {
    assertThat(problems("agents:\n  - name: ws1\n    gpuBusy: {ignoreForeing: true}\n"))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:5:15: unknown key 'ignoreForeing' in agent 'ws1'.gpuBusy")
        .contains("did you mean 'ignoreForeign'?");
  }

  @Test
  void badSizeAndWrongTypesAreReportedWhereTheyStand() {
    assertThat(problems("gpuBusy: {minMemory: lots, ignoreForeign: maybe}\n"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("pipelines/baton.yaml:3:22: gpuBusy.minMemory 'lots' is not a size")
                    .contains(Sizes.HINT))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("pipelines/baton.yaml:3:43:")
                    .contains("gpuBusy.ignoreForeign"));
    assertThat(problems("gpuBusy: true\n"))
        .singleElement()
        .asString()
        .startsWith("pipelines/baton.yaml:3:10:")
        .contains("gpuBusy");
  }

  @Test
  void agentsFileGpuBusyIsTheDefaultOfItsAgents() throws Exception {
    Path file = dir.resolve("agents.yaml");
    Files.writeString(
        file,
        """
        gpuBusy: {ignoreForeign: true}
        agents:
          - {name: ws1}
          - {name: ws2, gpuBusy: {minMemory: 2GB}}
        """);

    List<AgentSpec> agents = DescriptorReader.readAgentsFile(file);

    assertThat(agents)
        .extracting(AgentSpec::gpuBusy)
        .containsExactly(
            Optional.of(new GpuBusyPolicy(true, 0)), Optional.of(new GpuBusyPolicy(false, 2048)));
  }

  @Test
  void agentsFileReportsAMisspeltGpuBusyKey() throws Exception {
    Path file = dir.resolve("agents.yaml");
    Files.writeString(file, "- {name: ws1, gpuBusy: {minMemroy: 1GB}}\n");

    assertThatThrownBy(() -> DescriptorReader.readAgentsFile(file))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("agents.yaml:1:25: unknown key 'minMemroy' in agent 'ws1'.gpuBusy")
        .hasMessageContaining("did you mean 'minMemory'?");
  }
}
