package dev.baton.cli;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Prints the core's events: one line per state change, step output prefixed with the step id, and a
 * closing summary. On a terminal a {@link LiveStatus} footer shows what runs right now.
 */
final class ConsoleReporter implements EventSink {
  private final PrintStream out;
  private final @Nullable LiveStatus live;
  private final boolean quietOutput;
  private final CiConsole ci;
  private final Supplier<Map<String, SourcePosition>> stepPositions;
  // the step whose output the open CI group holds, and the name that closes it
  private @Nullable String groupStep;
  private String groupName = "";

  ConsoleReporter(PrintStream out, boolean liveDisplay, boolean quietOutput) {
    this(out, liveDisplay, quietOutput, CiConsole.plain(), Map::of);
  }

  /**
   * @param stepPositions where each step is written in the descriptor, for CI annotations; asked
   *     only when a run under GitHub Actions has failed
   */
  ConsoleReporter(
      PrintStream out,
      boolean liveDisplay,
      boolean quietOutput,
      CiConsole ci,
      Supplier<Map<String, SourcePosition>> stepPositions) {
    this.out = out;
    this.live = liveDisplay ? new LiveStatus(out) : null;
    this.quietOutput = quietOutput;
    this.ci = ci;
    this.stepPositions = stepPositions;
  }

  @Override
  public synchronized void accept(RunEvent event) {
    if (live != null) {
      live.update(event);
    }
    String line = line(event);
    if (line == null) {
      return;
    }
    if (ci.groups()) {
      // A step's output goes in a collapsible group; lines from another step, or Baton's own,
      // close it first (parallel steps make several groups of one step, in the order printed).
      if (event instanceof RunEvent.StepOutput o) {
        if (!o.stepId().equals(groupStep)) {
          closeGroup();
          String[] opened = ci.open(o.stepId());
          print(opened[0]);
          groupStep = o.stepId();
          groupName = opened[1];
        }
      } else {
        closeGroup();
      }
    }
    print(line);
    // The step positions come from reading the descriptor again: only where they are shown.
    if (event instanceof RunEvent.RunFinished f
        && !f.record().status().equals(RunStatus.SUCCEEDED)
        && ci.annotatesSteps()) {
      ci.annotations(f.record(), positions()).forEach(this::print);
    }
  }

  private Map<String, SourcePosition> positions() {
    try {
      return stepPositions.get();
    } catch (RuntimeException e) {
      return Map.of(); // annotations then point at the descriptor file without a line
    }
  }

  private void closeGroup() {
    if (groupStep != null) {
      print(ci.close(groupName));
      groupStep = null;
    }
  }

  private void print(String line) {
    if (live != null) {
      live.printAbove(line);
    } else {
      out.println(line);
      out.flush();
    }
  }

  void close() {
    if (live != null) {
      live.close();
    }
  }

  private @Nullable String line(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      return "baton: running " + e.pipeline() + " (" + e.stepCount() + " steps), run " + e.runId();
    }
    if (event instanceof RunEvent.StepStarted e) {
      String gpus =
          e.gpus().isEmpty()
              ? ""
              : " (GPUs "
                  + e.gpus().stream().map(String::valueOf).collect(Collectors.joining(","))
                  + ")";
      return "["
          + e.stepId()
          + "] started on "
          + e.agent()
          + gpus
          + (e.attempt() > 1 ? ", attempt " + e.attempt() : "");
    }
    if (event instanceof RunEvent.StepOutput e) {
      return quietOutput ? null : "[" + e.stepId() + "] " + e.line();
    }
    if (event instanceof RunEvent.StepWaiting e) {
      return "[" + e.stepId() + "] " + e.reason();
    }
    if (event instanceof RunEvent.StepRetrying e) {
      return "["
          + e.stepId()
          + "] attempt "
          + e.attempt()
          + " failed ("
          + e.reason()
          + "); retrying in "
          + Durations.human(e.delay());
    }
    if (event instanceof RunEvent.StepFinished e) {
      String when =
          e.state() == StepState.SKIPPED
                  || (e.state() == StepState.CANCELLED && e.duration().isZero())
              ? ""
              : " in " + Durations.human(e.duration());
      return "["
          + e.stepId()
          + "] "
          + e.state()
          + when
          + (e.message().isEmpty() ? "" : ": " + e.message());
    }
    if (event instanceof RunEvent.StepCache e) {
      return "[" + e.stepId() + "] " + CacheLines.describe(e);
    }
    if (event instanceof RunEvent.Notice e) {
      return "baton: "
          + (e.level() == RunEvent.Level.WARNING ? "warning: " : "")
          + e.describe(CliWords.INSTANCE);
    }
    if (event instanceof RunEvent.StaleLockBroken e) {
      return "baton: " + e.describe();
    }
    if (event instanceof RunEvent.RunFinished e) {
      return summary(e.record(), e.reportDir());
    }
    return null;
  }

  static String summary(RunRecord record, Path reportDir) {
    Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
    record.steps().forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder("\n");
    sb.append(record.pipeline())
        .append(": ")
        .append(record.status())
        .append(" in ")
        .append(Durations.human(Duration.ofMillis(record.durationMillis())));
    sb.append(" — ")
        .append(
            counts.entrySet().stream()
                .map(
                    c ->
                        c.getValue()
                            + " "
                            + c.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
    for (StepRecord s : record.steps()) {
      boolean bad = !s.status().isSuccessful() && s.status() != StepState.SKIPPED;
      if (bad) {
        sb.append("\n  ")
            .append(s.status())
            .append(' ')
            .append(s.id())
            .append(": ")
            .append(s.message());
        if (s.log() != null) {
          sb.append("\n    log: ").append(reportDir.resolve(s.log()));
        }
        int from = Math.max(0, s.logTail().size() - 10);
        for (String tail : s.logTail().subList(from, s.logTail().size())) {
          sb.append("\n    | ").append(tail);
        }
      }
    }
    sb.append("\nreports: ").append(reportDir);
    return sb.toString();
  }
}
