package dev.baton.core.api;

import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.descriptor.PipelineDescriptor;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.Planner;

/** Reads the descriptor a config names and plans it. */
final class Planning {
  private Planning() {}

  static Plan plan(BatonConfig config) {
    PipelineDescriptor d = DescriptorReader.read(config.file());
    return Planner.plan(d, config.params(), config.only(), config.kind());
  }
}
