package dev.baton.core.errors;

import dev.baton.core.api.ExitCodes;

/**
 * The user asked for something that cannot work as asked (a bad option, a missing file): exit 2.
 */
public final class UsageException extends BatonException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null);
  }

  @Override
  public int exitCode() {
    return ExitCodes.USAGE;
  }
}
