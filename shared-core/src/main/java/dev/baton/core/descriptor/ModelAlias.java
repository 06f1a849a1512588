package dev.baton.core.descriptor;

import java.util.Optional;

/**
 * A baseline that follows an alias of a model: {@code model@champion} names the version alias
 * {@code champion} of artifact {@code model} points at, and so the figures of the run that made it.
 * A baseline without {@code @} is a stored baseline, by name, as before.
 *
 * @param model the artifact's name
 * @param alias the alias's name
 */
public record ModelAlias(String model, String alias) {
  static final String HINT =
      "write a stored baseline's name (champion) or an artifact's alias as NAME@ALIAS, such as"
          + " model@champion";

  /** The alias {@code baseline} follows, or empty when it names a stored baseline. */
  public static Optional<ModelAlias> of(String baseline) {
    int at = baseline.indexOf('@');
    if (at < 0 || problem(baseline).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new ModelAlias(baseline.substring(0, at), baseline.substring(at + 1)));
  }

  /** Why {@code baseline} with an {@code @} is not NAME@ALIAS; empty when it is one or has none. */
  static Optional<String> problem(String baseline) {
    int at = baseline.indexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    String model = baseline.substring(0, at);
    String alias = baseline.substring(at + 1);
    if (!ArtifactReader.NAME.matcher(model).matches()
        || !ArtifactReader.NAME.matcher(alias).matches()) {
      return Optional.of("is not NAME@ALIAS with two identifiers");
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return model + "@" + alias;
  }
}
