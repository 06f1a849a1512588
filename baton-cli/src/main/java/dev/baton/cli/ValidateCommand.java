package dev.baton.cli;

import dev.baton.core.descriptor.StepKind;
import picocli.CommandLine.Command;

/** {@code baton validate}: Run the validate steps (metric gates) and what they need. */
@Command(
    name = "validate",
    description = "Run the validate steps (metric gates) and what they need.")
final class ValidateCommand extends KindCommand {
  @Override
  StepKind kind() {
    return StepKind.VALIDATE;
  }
}
