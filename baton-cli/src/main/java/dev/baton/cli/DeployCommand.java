package dev.baton.cli;

import dev.baton.core.descriptor.StepKind;
import picocli.CommandLine.Command;

/** {@code baton deploy}: Run the deploy steps (staged rollout, rollback) and what they need. */
@Command(
    name = "deploy",
    description = "Run the deploy steps (staged rollout, rollback) and what they need.")
final class DeployCommand extends KindCommand {
  @Override
  StepKind kind() {
    return StepKind.DEPLOY;
  }
}
