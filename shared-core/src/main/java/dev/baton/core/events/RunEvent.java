package dev.baton.core.events;

import dev.baton.core.errors.Fix;
import dev.baton.core.errors.FrontEndWords;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the core tells its front ends while it works. The core never logs: each front end maps these
 * to its console (a terminal display, Maven's {@code Log}, Jenkins' {@code echo}).
 */
public sealed interface RunEvent {

  /** A run began: its id, report directory and the number of planned steps. */
  record RunStarted(String runId, String pipeline, Path reportDir, int stepCount)
      implements RunEvent {}

  /** A step is ready and waits for an agent, GPUs or an executor slot. */
  record StepQueued(String stepId) implements RunEvent {}

  /**
   * A queued step waits for GPUs or a concurrency slot that another process on the machine holds
   * (another Baton run, or foreign GPU work); sent when the reason changes.
   */
  record StepWaiting(String stepId, String reason) implements RunEvent {}

  /** An attempt started on an agent. */
  record StepStarted(String stepId, int attempt, String agent, List<Integer> gpus, Path log)
      implements RunEvent {}

  /** One line a step wrote to stdout or stderr (already masked). */
  record StepOutput(String stepId, String line) implements RunEvent {}

  /** An attempt failed and will be tried again after {@code delay}. */
  record StepRetrying(String stepId, int attempt, String reason, Duration delay)
      implements RunEvent {}

  /** A step reached a final state. */
  record StepFinished(String stepId, StepState state, Duration duration, String message)
      implements RunEvent {}

  /**
   * What the step cache did for a step with {@code cache: true}.
   *
   * @param key the cache key (64 hex digits)
   * @param detail why, for a miss, a discarded entry or outputs not stored; empty otherwise
   */
  record StepCache(String stepId, CacheAction action, String key, String detail)
      implements RunEvent {}

  /** Something the user should know that is not about one step (a missing tool, a hint). */
  record Notice(Level level, String message, Fix fix) implements RunEvent {
    public Notice(Level level, String message) {
      this(level, message, Fix.NONE);
    }

    /** The message and its fix in one front end's words. */
    public String describe(FrontEndWords words) {
      return fix.isEmpty() ? message : message + "; " + fix.render(words);
    }
  }

  /**
   * A workspace lock left by a run whose process is gone (killed, or its pid now belongs to another
   * process) was broken so this run could start.
   */
  record StaleLockBroken(Path lockFile, String runId, long pid, String since) implements RunEvent {
    /** One sentence for a console. */
    public String describe() {
      return "broke the stale workspace lock "
          + lockFile
          + " of run "
          + runId
          + " (pid "
          + pid
          + ", since "
          + since
          + "): that process is gone";
    }
  }

  /** The run ended; reports are written. */
  record RunFinished(RunRecord record, Path reportDir) implements RunEvent {}

  /** What happened to a step's cache entry. */
  enum CacheAction {
    /** Outputs restored from an entry; the step did not run. */
    HIT,
    /** No usable entry (or its outputs could not be restored); the step runs. */
    MISS,
    /** An entry failed its checksums and was removed; the step runs. */
    DISCARDED,
    /** The step's outputs were stored under its key. */
    STORED,
    /** The step succeeded but its outputs could not be stored (disk full, say). */
    NOT_STORED
  }

  /** How much a notice matters. */
  enum Level {
    INFO,
    WARNING
  }
}
