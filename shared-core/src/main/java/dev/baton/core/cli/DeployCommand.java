package dev.baton.core.cli;

import dev.baton.core.descriptor.StepKind;
import picocli.CommandLine.Command;

/** {@code baton deploy}: Run the deploy steps (staged rollout, rollback) and what they need. */
@Command(
    name = "deploy",
    description = "Run the deploy steps (staged rollout, rollback) and what they need.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every step succeeded",
      "1:a step, gate, regression or rollout failed",
      "2:bad descriptor or usage",
      "3:infrastructure",
      "130:cancelled"
    })
final class DeployCommand extends KindCommand {
  @Override
  StepKind kind() {
    return StepKind.DEPLOY;
  }
}
