package dev.baton.core.cache;

/**
 * Something about a cache entry or a step's cached paths that stops a hit or a store; a message.
 */
public final class CacheException extends Exception {
  private final String message;

  public CacheException(String message) {
    super(message);
    this.message = message;
  }

  public CacheException(String message, Throwable cause) {
    super(message, cause);
    this.message = message;
  }

  /** The message given, never null. */
  @Override
  public String getMessage() {
    return message;
  }
}
