package dev.baton.core.testing;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.descriptor.StepSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Descriptors whose steps form one long chain, for tests of what the graph's depth may not break.
 */
public final class StepChains {
  private static final Path FILE = Path.of("chain", "baton.yaml");

  private StepChains() {}

  /**
   * Steps s0 … s{length-1}, each needing the one before; with {@code closed}, s0 needs the last,
   * closing a cycle through all of them. Built in memory: a file this long is over the size limit.
   */
  public static PipelineDescriptor chain(int length, boolean closed) {
    PipelineDescriptor one =
        DescriptorReader.parse(FILE, "version: 1\nname: chain\nsteps:\n  s0: {run: 'true'}\n");
    StepSpec template = one.steps().get("s0");
    Map<String, StepSpec> steps = new LinkedHashMap<>();
    for (int i = 0; i < length; i++) {
      List<String> needs =
          i > 0 ? List.of("s" + (i - 1)) : closed ? List.of("s" + (length - 1)) : List.of();
      steps.put("s" + i, renamed(template, "s" + i, needs));
    }
    return one.withSteps(steps);
  }

  private static StepSpec renamed(StepSpec t, String name, List<String> needs) {
    return new StepSpec(
        name,
        t.position(),
        t.kind(),
        t.run(),
        t.runPosition(),
        needs,
        t.matrix(),
        t.when(),
        t.whenPosition(),
        t.timeout(),
        t.retry(),
        t.env(),
        t.workdir(),
        t.continueOnError(),
        t.agent(),
        t.priority(),
        t.concurrency(),
        t.stage(),
        t.secrets(),
        t.cache(),
        t.needCells(),
        t.container(),
        t.artifacts());
  }
}
