package dev.baton.core.stages;

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
 */
record StageContext(
    StageCommands commands,
    BaselineStore baselines,
    String pipeline,
    String fingerprint,
    Masker masker) {

  StepLaunch launch() {
    return commands.launch();
  }

  Optional<Baseline> baseline(String name) {
    return baselines.find(pipeline, name, fingerprint);
  }

  /** Where reports go: {@code BATON_REPORT_DIR}, else the step's working directory. */
  Path reportDir() {
    String dir = launch().env().getOrDefault("BATON_REPORT_DIR", "");
    return dir.isEmpty() ? launch().workdir() : Path.of(dir);
  }
}
