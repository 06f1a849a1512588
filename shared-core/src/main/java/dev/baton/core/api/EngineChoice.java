package dev.baton.core.api;

import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.local.LocalExecutor;

/** Which engine runs the steps, and whether Baton or the engine binds GPUs. */
record EngineChoice(String name, boolean assignsGpus) {
  static final EngineChoice LOCAL = new EngineChoice("local", true);

  StepExecutor open() {
    return new LocalExecutor();
  }
}
