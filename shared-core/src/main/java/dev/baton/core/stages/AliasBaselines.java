package dev.baton.core.stages;

import dev.baton.core.descriptor.ModelAlias;
import java.util.Optional;

/**
 * Finds the figures behind a baseline that follows an alias ({@code baseline: model@champion}): the
 * metrics and benchmark samples of the run and step that made the version the alias points at. The
 * run history implements it; a run without one knows no aliases.
 */
public interface AliasBaselines {
  /** What {@code alias} gives: its version's figures, or why there are none. */
  Found find(ModelAlias alias, String pipeline, String fingerprint);

  /**
   * What a lookup found.
   *
   * @param baseline the figures; empty when the alias is not set (yet)
   * @param missing when {@code baseline} is empty: why, and how to set the alias, in neutral words
   */
  record Found(Optional<Baseline> baseline, String missing) {
    public static Found of(Baseline baseline) {
      return new Found(Optional.of(baseline), "");
    }

    public static Found missing(String why) {
      return new Found(Optional.empty(), why);
    }
  }

  /** No run history: every alias is missing. */
  AliasBaselines NONE =
      (alias, pipeline, fingerprint) ->
          Found.missing(
              "no run history is kept, so '"
                  + alias
                  + "' cannot be followed; keep a history to compare with a model's alias");
}
