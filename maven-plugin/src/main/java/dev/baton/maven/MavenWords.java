package dev.baton.maven;

import dev.baton.core.errors.Action;
import dev.baton.core.errors.FrontEndWords;
import dev.baton.core.errors.Setting;

/** Maven's spelling of the settings and actions the core's fixes refer to: -D properties, goals. */
final class MavenWords implements FrontEndWords {
  static final MavenWords INSTANCE = new MavenWords();

  private MavenWords() {}

  @Override
  public String setting(Setting setting) {
    return switch (setting) {
      case REPORT_DIR -> "-Dbaton.reportDir (<reportDir>)";
      case RESUME -> "-Dbaton.resume";
      case SLURM_EXECUTOR -> "-Dbaton.executor=slurm";
        // Only the command line's `baton step` takes locked GPUs; Maven never reaches this fix.
      case LOCKED_GPUS -> "the command line's --gpus";
      case ONLY -> "-Dbaton.only";
      case PARAM -> "-Dbaton.param.NAME=VALUE (<params>)";
      case LEASE_TIMEOUT -> "-Dbaton.leaseTimeout";
      case AGENTS_FILE -> "-Dbaton.agents (<agents>)";
    };
  }

  @Override
  public String action(Action action) {
    return switch (action.kind()) {
      case RUN -> "'mvn baton:run'";
      case RESUME -> "'mvn baton:run -Dbaton.resume=" + action.arguments().get(0) + "'";
      case CHECK -> "'mvn baton:check'";
        // Baselines are promoted from the command line; Maven has no goal for it.
      case PROMOTE_BASELINE ->
          "the command line's 'baton baseline promote "
              + action.arguments().get(0)
              + " --name "
              + action.arguments().get(1)
              + "'";
    };
  }
}
