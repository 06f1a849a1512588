package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.Objects;

/**
 * One entry of {@code secrets:}: a value Baton reads when a run starts and hands to the steps that
 * list it, as an environment variable named {@code name}.
 *
 * @param name the secret's name, which is also the variable steps see
 * @param position where the entry is written, for errors about it
 */
public record SecretSpec(String name, SourcePosition position, Source source) {

  public SecretSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
  }

  /** Where a secret's value comes from. */
  public sealed interface Source {
    /** How the source reads in messages: "environment variable X", "file y". */
    String describe();
  }

  /** An environment variable of the Baton process, such as one a CI system injects. */
  public record FromEnv(String variable) implements Source {
    @Override
    public String describe() {
      return "environment variable " + variable;
    }
  }

  /** A file's content without its trailing newline; relative to the descriptor's directory. */
  public record FromFile(String path) implements Source {
    @Override
    public String describe() {
      return "file " + path;
    }
  }
}
