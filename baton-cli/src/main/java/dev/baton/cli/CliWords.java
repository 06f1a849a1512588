package dev.baton.cli;

import dev.baton.core.errors.Action;
import dev.baton.core.errors.FrontEndWords;
import dev.baton.core.errors.Setting;

/** The command line's spelling of the settings and actions the core's fixes refer to. */
final class CliWords implements FrontEndWords {
  static final CliWords INSTANCE = new CliWords();

  private CliWords() {}

  @Override
  public String setting(Setting setting) {
    return switch (setting) {
      case REPORT_DIR -> "--report-dir";
      case RESUME -> "--resume";
      case SLURM_EXECUTOR -> "--executor slurm";
      case LOCKED_GPUS -> "--gpus";
      case ONLY -> "--only";
      case PARAM -> "--param";
      case LEASE_TIMEOUT -> "--lease-timeout";
      case AGENTS_FILE -> "--agents";
    };
  }

  @Override
  public String action(Action action) {
    return switch (action.kind()) {
      case RUN -> "'baton run'";
      case RESUME -> "'baton run --resume " + action.arguments().get(0) + "'";
      case CHECK -> "'baton check'";
      case PROMOTE_BASELINE ->
          "'baton baseline promote "
              + action.arguments().get(0)
              + " --name "
              + action.arguments().get(1)
              + "'";
    };
  }
}
