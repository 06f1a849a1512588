package dev.baton.core.exec;

/**
 * Starts one attempt of a planned step. For plain {@code run} steps this is the executor itself;
 * stage steps (validate, benchmark, deploy) are launched by a launcher that runs their commands
 * through the executor and judges the results.
 */
@FunctionalInterface
public interface StepLauncher {
  StepHandle launch(StepLaunch launch);
}
