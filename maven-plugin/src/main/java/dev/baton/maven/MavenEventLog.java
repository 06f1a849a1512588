package dev.baton.maven;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.logging.Log;

/**
 * Prints the core's events to Maven's build log: one line per change of a step's state, and every
 * line a step writes prefixed by its id, so parallel steps stay readable.
 */
final class MavenEventLog implements EventSink {
  private final Log log;

  MavenEventLog(Log log) {
    this.log = log;
  }

  @Override
  public void accept(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      log.info(
          String.format(
              "Baton run %s of %s: %d step%s, reports in %s",
              e.runId(),
              e.pipeline(),
              e.stepCount(),
              e.stepCount() == 1 ? "" : "s",
              e.reportDir()));
    } else if (event instanceof RunEvent.StepQueued e) {
      // Every step is queued before it starts; at info level this would double the output.
      log.debug(prefix(e.stepId()) + "queued");
    } else if (event instanceof RunEvent.StepWaiting e) {
      log.info(prefix(e.stepId()) + e.reason());
    } else if (event instanceof RunEvent.StepStarted e) {
      log.info(started(e));
    } else if (event instanceof RunEvent.StepOutput e) {
      log.info(prefix(e.stepId()) + e.line());
    } else if (event instanceof RunEvent.StepRetrying e) {
      log.warn(
          String.format(
              "%sattempt %d failed (%s), retrying in %s",
              prefix(e.stepId()), e.attempt(), e.reason(), format(e.delay())));
    } else if (event instanceof RunEvent.StepFinished e) {
      finished(e);
    } else if (event instanceof RunEvent.StepCache e) {
      cache(e);
    } else if (event instanceof RunEvent.Notice e) {
      if (e.level() == RunEvent.Level.WARNING) {
        log.warn(e.describe(MavenWords.INSTANCE));
      } else {
        log.info(e.describe(MavenWords.INSTANCE));
      }
    } else if (event instanceof RunEvent.StaleLockBroken e) {
      log.warn(e.describe());
    } else if (event instanceof RunEvent.RunFinished e) {
      log.info(summary(e.record()));
      log.info("Reports: " + e.reportDir());
    }
  }

  private void cache(RunEvent.StepCache e) {
    String key = e.key().substring(0, Math.min(12, e.key().length()));
    switch (e.action()) {
      case HIT -> log.info(prefix(e.stepId()) + "cache hit " + key + ": outputs restored");
      case MISS -> log.info(prefix(e.stepId()) + "cache miss " + key + " (" + e.detail() + ")");
      case DISCARDED ->
          log.warn(prefix(e.stepId()) + "cache entry " + key + " discarded: " + e.detail());
      case STORED -> log.debug(prefix(e.stepId()) + "outputs cached as " + key);
      case NOT_STORED -> log.warn(prefix(e.stepId()) + "outputs not cached: " + e.detail());
    }
  }

  private static String started(RunEvent.StepStarted e) {
    StringBuilder line = new StringBuilder(prefix(e.stepId()));
    line.append(e.attempt() > 1 ? "attempt " + e.attempt() + " started" : "started");
    line.append(" on ").append(e.agent());
    if (!e.gpus().isEmpty()) {
      String gpus = e.gpus().stream().map(String::valueOf).collect(Collectors.joining(","));
      line.append(e.gpus().size() == 1 ? " (GPU " : " (GPUs ").append(gpus).append(')');
    }
    return line.toString();
  }

  private void finished(RunEvent.StepFinished e) {
    String line = prefix(e.stepId()) + e.state();
    String why = reason(e);
    if (e.state() == StepState.SKIPPED) {
      log.info(line + why);
      return;
    }
    line += " in " + format(e.duration());
    if (e.state().isSuccessful()) {
      log.info(line);
    } else if (e.state() == StepState.CANCELLED) {
      // Someone stopped the run; the step itself did nothing wrong.
      log.warn(line + why);
    } else {
      log.error(line + why);
    }
  }

  /** {@code ": message"}, without a leading state name the line already shows. */
  private static String reason(RunEvent.StepFinished e) {
    String message = e.message() == null ? "" : e.message().strip();
    String state = e.state().name().toLowerCase(Locale.ROOT);
    if (message.equalsIgnoreCase(state)) {
      message = "";
    } else if (message.toLowerCase(Locale.ROOT).startsWith(state + ":")) {
      message = message.substring(state.length() + 1).strip();
    }
    return message.isEmpty() ? "" : ": " + message;
  }

  private static String summary(RunRecord record) {
    Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
    for (StepRecord step : record.steps()) {
      counts.merge(step.status(), 1, Integer::sum);
    }
    String byState =
        counts.entrySet().stream()
            .map(c -> c.getValue() + " " + c.getKey().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    return String.format(
        "Baton run %s %s in %s: %s",
        record.runId(),
        record.status(),
        format(Duration.ofMillis(record.durationMillis())),
        byState.isEmpty() ? "no steps" : byState);
  }

  private static String prefix(String stepId) {
    return "[" + stepId + "] ";
  }

  /** {@code 0.4 s}, {@code 12.3 s}, {@code 2 min 05 s}: short enough for one log line. */
  static String format(Duration duration) {
    if (duration == null) {
      return "0.0 s";
    }
    long millis = duration.toMillis();
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }
}
