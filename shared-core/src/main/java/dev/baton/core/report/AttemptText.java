package dev.baton.core.report;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.SlurmAttempt;
import dev.baton.core.record.StepRecord;
import java.util.stream.Collectors;

/**
 * One attempt in one line, the same in every report: {@code #1 FAILED in 2.1 s on ws1 (gpus 0,1),
 * after waiting 3.0 s for GPUs or a slot another run held: exit code 137}; a Slurm attempt also
 * says its job, node and time in the queue ({@code , Slurm job 57 on baton01 after 1.0 s queued}).
 */
final class AttemptText {
  private AttemptText() {}

  static String describe(AttemptRecord attempt) {
    StringBuilder text =
        new StringBuilder("#")
            .append(attempt.attempt())
            .append(' ')
            .append(attempt.status())
            .append(" in ")
            .append(HumanDuration.format(attempt.durationMillis()));
    if (attempt.agent() != null) {
      text.append(" on ").append(attempt.agent());
      if (!attempt.gpus().isEmpty()) {
        text.append(" (GPUs ").append(gpus(attempt)).append(')');
      }
    }
    SlurmAttempt slurm = attempt.slurm();
    if (slurm != null) {
      text.append(", Slurm job ").append(slurm.jobId());
      if (!slurm.task().isEmpty()) {
        text.append(" task ").append(slurm.task());
      }
      if (!slurm.node().isEmpty()) {
        text.append(" on ").append(slurm.node());
      }
      if (slurm.queueWaitMillis() > 0) {
        text.append(" after ")
            .append(HumanDuration.format(slurm.queueWaitMillis()))
            .append(" queued");
      }
    }
    if (attempt.leaseWaitMillis() > 0) {
      text.append(", after waiting ")
          .append(HumanDuration.format(attempt.leaseWaitMillis()))
          .append(" for GPUs or a slot another run held");
    }
    if (attempt.message() != null && !attempt.message().isBlank()) {
      text.append(": ").append(attempt.message());
    } else if (attempt.exitCode() != null) {
      text.append(": exit code ").append(attempt.exitCode());
    }
    return text.toString();
  }

  /**
   * Where a step ran, for the reports' agent column: its agent, and for a Slurm step the node of
   * its last attempt ({@code slurm: baton01}).
   */
  static String where(StepRecord step) {
    String agent = step.agent() == null ? "" : step.agent();
    if (step.attempts().isEmpty()) {
      return agent;
    }
    SlurmAttempt slurm = step.attempts().get(step.attempts().size() - 1).slurm();
    return slurm == null || slurm.node().isEmpty() ? agent : agent + ": " + slurm.node();
  }

  private static String gpus(AttemptRecord attempt) {
    return attempt.gpus().stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
