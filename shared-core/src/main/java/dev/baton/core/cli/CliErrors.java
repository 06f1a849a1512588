package dev.baton.core.cli;

import dev.baton.core.api.ExitCodes;
import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;

/** How the command line ends on each kind of {@link BatonException}: its exit code and message. */
final class CliErrors {
  private CliErrors() {}

  /**
   * The exit code for {@code e}. Every permitted subtype is handled here; {@code
   * FrontEndsHandleEveryErrorTest} enumerates them, so a new one fails the build until it is.
   */
  static int exitCode(BatonException e) {
    if (e instanceof UsageException || e instanceof DescriptorException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof InfrastructureException) {
      return ExitCodes.INFRASTRUCTURE;
    }
    throw new IllegalStateException("the command line does not handle " + e.getClass());
  }

  /** {@code e}'s problem and fix, with settings spelled as flags. */
  static String message(BatonException e) {
    return e.describe(CliWords.INSTANCE);
  }
}
