package dev.baton.core.engine;

import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepLauncher;
import dev.baton.core.stages.StageLauncher;

/**
 * Chooses how each step kind is launched: validate, benchmark and deploy steps go to the stage
 * launcher, which runs their commands through the executor and judges them; plain steps go straight
 * to the executor.
 */
final class StageLaunchers {
  private StageLaunchers() {}

  static StepLauncher forExecutor(StepExecutor executor) {
    return new StageLauncher(executor);
  }
}
