package dev.baton.core.api;

import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.local.LocalExecutor;
import java.util.function.Supplier;

/**
 * Which engine runs the steps, and whether Baton binds GPUs (locally) or the engine does (Slurm's
 * gres).
 */
record EngineChoice(String name, boolean assignsGpus, Supplier<StepExecutor> executor) {
  static final EngineChoice LOCAL = new EngineChoice("local", true, LocalExecutor::new);

  StepExecutor open() {
    return executor.get();
  }
}
