package dev.baton.cli;

import dev.baton.core.api.RunOutcome;
import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;

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
      case FAILED, TIMED_OUT, RUNNING -> ExitCodes.STEP_FAILED;
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
    // BatonException is sealed: the subtypes above are all there are. CliErrorsTest enumerates the
    // permitted subtypes, so a new one fails the build until it is handled here.
    throw new IllegalStateException("the command line does not handle " + error.getClass());
  }
}
