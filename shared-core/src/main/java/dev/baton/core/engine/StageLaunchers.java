package dev.baton.core.engine;

import dev.baton.core.exec.StepExecutor;
import dev.baton.core.exec.StepLauncher;

/** Chooses how each step kind is launched: plain steps go straight to the executor. */
final class StageLaunchers {
  private StageLaunchers() {}

  static StepLauncher forExecutor(StepExecutor executor) {
    return executor::launch;
  }
}
