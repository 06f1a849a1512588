package dev.baton.core.stages;

import dev.baton.core.descriptor.ModelAlias;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.secrets.Masker;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a stage needs while it runs: its commands, the baselines of its pipeline and hardware.
 *
 * @param pipeline the pipeline's name, which baselines are filed under
 * @param fingerprint the hardware the step runs on ({@code cpu}, or its GPU model)
 * @param masker the run's secrets, masked in the files a stage writes
 * @param aliases the figures behind baselines that follow a model's alias ({@code model@champion})
 */
record StageContext(
    StageCommands commands,
    BaselineStore baselines,
    String pipeline,
    String fingerprint,
    Masker masker,
    AliasBaselines aliases) {

  StepLaunch launch() {
    return commands.launch();
  }

  Optional<Baseline> baseline(String name) {
    Optional<ModelAlias> alias = ModelAlias.of(name);
    if (alias.isPresent()) {
      return aliases.find(alias.get(), pipeline, fingerprint).baseline();
    }
    return baselines.find(pipeline, name, fingerprint);
  }

  /** Gates' view of the baselines: values, and why one is missing. */
  GateEvaluator.BaselineValues values(String stepId, String stepName) {
    return new GateEvaluator.BaselineValues() {
      @Override
      public Optional<Double> value(String baseline, String metric) {
        return baseline(baseline).flatMap(b -> b.metric(stepId, stepName, metric));
      }

      @Override
      public String missing(String baseline) {
        Optional<ModelAlias> alias = ModelAlias.of(baseline);
        if (alias.isEmpty()) {
          return GateEvaluator.BaselineValues.super.missing(baseline);
        }
        AliasBaselines.Found found = aliases.find(alias.get(), pipeline, fingerprint);
        String why =
            found
                .baseline()
                .map(
                    b -> "run " + b.runId() + " that made " + baseline + " measured no such metric")
                .orElse(found.missing());
        return why + ", so only min/max apply";
      }
    };
  }

  /** Where reports go: {@code BATON_REPORT_DIR}, else the step's working directory. */
  Path reportDir() {
    String dir = launch().env().getOrDefault("BATON_REPORT_DIR", "");
    return dir.isEmpty() ? launch().workdir() : Path.of(dir);
  }
}
