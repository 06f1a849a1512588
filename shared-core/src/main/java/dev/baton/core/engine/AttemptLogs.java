package dev.baton.core.engine;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.exec.ExitFiles;
import dev.baton.core.io.ParentDirectories;
import dev.baton.core.secrets.SecretLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** Gets a step's log ready for an attempt, and masks it once the attempt has ended. */
final class AttemptLogs {
  private final SecretLogs secretLogs;

  AttemptLogs(SecretLogs secretLogs) {
    this.secretLogs = secretLogs;
  }

  /**
   * Prepares the log for {@code r}'s current attempt; returns where that attempt's output starts.
   */
  long prepare(StepRun r) {
    try {
      ParentDirectories.create(r.log);
      // An exit file left by an attempt of this number that the journal never saw is not ours.
      Files.deleteIfExists(ExitFiles.of(r.log, r.attempt));
      secretLogs.prepare(r.log);
      if (r.attempt > 1) {
        Files.writeString(
            r.log,
            "----- attempt " + r.attempt + " -----\n",
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      return Files.exists(r.log) ? Files.size(r.log) : 0;
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot write step log "
              + r.log
              + ": "
              + e.getMessage()
              + "; check free space and permissions of the report directory",
          e);
    }
  }

  void attemptEnded(StepRun r) {
    secretLogs.afterAttempt(r.log);
  }
}
