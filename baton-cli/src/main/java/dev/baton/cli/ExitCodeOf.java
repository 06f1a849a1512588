package dev.baton.cli;

import dev.baton.core.api.BatonException;
import dev.baton.core.api.InfrastructureException;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.api.UsageException;
import dev.baton.core.descriptor.DescriptorException;

/**
 * The one place that turns how a command ended into the process's {@link ExitCodes}: the core
 * reports outcomes and typed errors, exit codes are the command line's.
 */
final class ExitCodeOf {
  private ExitCodeOf() {}

  /** A run or merge that ended: how its record ended. */
  static int outcome(RunOutcome outcome) {
    return switch (outcome.record().status()) {
      case SUCCEEDED -> ExitCodes.SUCCESS;
      case CANCELLED -> ExitCodes.CANCELLED;
      case FAILED, RUNNING -> ExitCodes.STEP_FAILED;
    };
  }

  /** A failure the user can act on: what they gave was wrong (2), or the world was (3). */
  static int error(BatonException error) {
    if (error instanceof UsageException || error instanceof DescriptorException) {
      return ExitCodes.USAGE;
    }
    if (error instanceof InfrastructureException) {
      return ExitCodes.INFRASTRUCTURE;
    }
    // Not reached: the subtypes above are all there are (a switch over them once BatonException
    // is sealed).
    return ExitCodes.INFRASTRUCTURE;
  }
}
