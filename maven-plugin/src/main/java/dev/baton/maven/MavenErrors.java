package dev.baton.maven;

import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.errors.UsageException;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * How a goal ends on each kind of {@link BatonException}: the build error, its message with fixes
 * spelled as {@code -Dbaton.*} properties, and whether a cause is worth showing.
 */
final class MavenErrors {
  private MavenErrors() {}

  /**
   * The build error for {@code e}. Every permitted subtype is handled here; {@code MavenErrorsTest}
   * enumerates them, so a new one fails the build until it is.
   */
  static MojoExecutionException toMojoException(BatonException e) {
    if (e instanceof DescriptorException) {
      // A user mistake: the message says where and how to fix it, a stack trace would not help.
      return new MojoExecutionException(MavenHelpfulSuggestions.forDescriptor(e.problem()));
    }
    if (e instanceof UsageException) {
      return new MojoExecutionException(message(e));
    }
    if (e instanceof InfrastructureException) {
      return new MojoExecutionException(MavenHelpfulSuggestions.forInfrastructure(message(e)), e);
    }
    throw new IllegalStateException("the Maven goals do not handle " + e.getClass());
  }

  /** {@code e}'s problem and fix in Maven's words. */
  static String message(BatonException e) {
    return e.describe(MavenWords.INSTANCE);
  }
}
