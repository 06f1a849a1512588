package dev.baton.cli;

import dev.baton.core.errors.BatonException;

/** How the command line words a {@link BatonException}: its problem, and its fix as flags. */
final class CliErrors {
  private CliErrors() {}

  /** {@code e}'s problem and fix, with settings spelled as flags. */
  static String message(BatonException e) {
    return e.describe(CliWords.INSTANCE);
  }
}
