package dev.baton.core.history;

import dev.baton.core.descriptor.ModelAlias;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.history.ModelRows.Alias;
import dev.baton.core.history.ModelRows.Version;
import dev.baton.core.record.RunRecord;
import dev.baton.core.stages.AliasBaselines;
import dev.baton.core.stages.Baseline;
import dev.baton.core.stages.BaselinePromoter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Baselines that follow a model's alias, from the run history: {@code model@champion} is the
 * metrics and benchmark samples of the run that made the version {@code champion} points at, read
 * from the store when a gate asks (so an alias moved since the run was planned counts). Figures of
 * the same hardware fingerprint come first; metrics of another do when there are none (a model's
 * quality does not depend on the machine that measured it, a benchmark's samples do).
 */
public final class AliasFigures implements AliasBaselines {
  private final Path workspace;
  private final Map<String, String> env;

  private AliasFigures(Path workspace, Map<String, String> env) {
    this.workspace = workspace;
    this.env = Map.copyOf(env);
  }

  /** The workspace's history; {@link AliasBaselines#NONE} when none is kept. */
  public static AliasBaselines of(Path workspace, Map<String, String> env) {
    return HistoryStores.off(env) ? AliasBaselines.NONE : new AliasFigures(workspace, env);
  }

  /**
   * @throws InfrastructureException when the store cannot be read: a gate that was asked to compare
   *     with the champion must not pass without it
   */
  @Override
  public Found find(ModelAlias alias, String pipeline, String fingerprint) {
    try (HistoryStore store = HistoryStores.open(workspace, env)) {
      ModelRegistry models = store.models();
      List<Version> versions = models.versions(alias.model());
      if (versions.isEmpty()) {
        return Found.missing(
            "no version of artifact '"
                + alias.model()
                + "' is recorded yet, so alias '"
                + alias.alias()
                + "' points nowhere; a run whose step declares it records one");
      }
      Optional<Alias> set = models.alias(alias.model(), alias.alias());
      if (set.isEmpty()) {
        return Found.missing(
            "artifact '"
                + alias.model()
                + "' has no alias '"
                + alias.alias()
                + "' (aliases: "
                + names(models.aliases(alias.model()))
                + "; versions 1 to "
                + versions.get(versions.size() - 1).version()
                + "); point the alias at a version to compare with it");
      }
      Version v =
          versions.stream()
              .filter(x -> x.version() == set.get().version())
              .findFirst()
              .orElseThrow();
      Optional<RunRecord> run = store.record(v.runId());
      if (run.isEmpty()) {
        return Found.missing(
            "run "
                + v.runId()
                + " that made version "
                + v.version()
                + " of '"
                + alias.model()
                + "' is not in the history; import its run directory");
      }
      return Found.of(baseline(alias, run.get(), fingerprint));
    }
  }

  private static Baseline baseline(ModelAlias alias, RunRecord run, String fingerprint) {
    Map<String, Map<String, Baseline.StepFigures>> figures = BaselinePromoter.figures(run, true);
    Map<String, Baseline.StepFigures> steps = new LinkedHashMap<>();
    Map<String, Baseline.StepFigures> same = figures.get(fingerprint);
    if (same != null) {
      steps.putAll(same);
    }
    figures
        .values()
        .forEach(
            other ->
                other.forEach(
                    (id, f) ->
                        steps.putIfAbsent(id, new Baseline.StepFigures(f.metrics(), List.of()))));
    return new Baseline(run.pipeline(), alias.toString(), fingerprint, run.runId(), "", steps);
  }

  private static String names(List<Alias> aliases) {
    return aliases.isEmpty()
        ? "none"
        : aliases.stream()
            .map(a -> a.alias() + " → " + a.version())
            .collect(Collectors.joining(", "));
  }
}
