package dev.baton.core.report;

import dev.baton.core.record.AttemptRecord;
import java.util.stream.Collectors;

/**
 * One attempt in one line, the same in every report: {@code #1 FAILED in 2.1 s on ws1 (gpus 0,1),
 * after waiting 3.0 s for GPUs or a slot another run held: exit code 137}.
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

  private static String gpus(AttemptRecord attempt) {
    return attempt.gpus().stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
