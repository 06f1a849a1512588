package dev.baton.core.state;

import dev.baton.core.record.AttemptRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where a journalled run stood when its Baton stopped: per step, its attempts and final state. */
public final class ResumePoint {
  /** What the journal says about one step. */
  public static final class StepHistory {
    public final List<AttemptRecord> attempts = new ArrayList<>();
    public JournalEntry.@Nullable StepEnded ended;
    public JournalEntry.@Nullable AttemptStarted inFlight;

    /**
     * The process groups and jobs {@link #inFlight} started after its first (a stage's commands),
     * in order; empty when none is in flight.
     */
    public final List<JournalEntry.AttemptProcess> inFlightProcesses = new ArrayList<>();

    public int lastAttempt() {
      int last = attempts.stream().mapToInt(AttemptRecord::attempt).max().orElse(0);
      return inFlight == null ? last : Math.max(last, inFlight.attempt());
    }
  }

  private final JournalEntry.RunBegan began;
  private final Map<String, StepHistory> steps = new LinkedHashMap<>();
  private final Map<String, Map<String, List<String>>> expansions = new LinkedHashMap<>();

  private ResumePoint(JournalEntry.RunBegan began) {
    this.began = began;
  }

  /** Replays journal entries (as {@link JournalReader#read} returns them). */
  public static ResumePoint of(List<JournalEntry> entries) {
    ResumePoint point = new ResumePoint((JournalEntry.RunBegan) entries.get(0));
    for (JournalEntry e : entries.subList(1, entries.size())) {
      if (e instanceof JournalEntry.AttemptStarted s) {
        StepHistory h = point.history(s.step());
        h.inFlight = s;
        h.inFlightProcesses.clear();
        h.ended = null;
      } else if (e instanceof JournalEntry.AttemptProcess p) {
        StepHistory h = point.history(p.step());
        if (h.inFlight != null && h.inFlight.attempt() == p.attempt()) {
          h.inFlightProcesses.add(p);
        }
      } else if (e instanceof JournalEntry.AttemptEnded a) {
        StepHistory h = point.history(a.step());
        h.attempts.removeIf(r -> r.attempt() == a.record().attempt());
        h.attempts.add(a.record());
        if (h.inFlight != null && h.inFlight.attempt() == a.record().attempt()) {
          h.inFlight = null;
          h.inFlightProcesses.clear();
        }
      } else if (e instanceof JournalEntry.CellsExpanded x) {
        point.expansions.putIfAbsent(x.step(), x.values());
      } else if (e instanceof JournalEntry.StepEnded s) {
        point.history(s.step()).ended = s;
      }
    }
    return point;
  }

  private StepHistory history(String step) {
    return steps.computeIfAbsent(step, k -> new StepHistory());
  }

  public JournalEntry.RunBegan began() {
    return began;
  }

  public Optional<StepHistory> step(String id) {
    return Optional.ofNullable(steps.get(id));
  }

  public Map<String, StepHistory> steps() {
    return steps;
  }

  /** Each dynamic step's axis values, as its first expansion found them. */
  public Map<String, Map<String, List<String>>> expansions() {
    return expansions;
  }

  public Instant startedAt() {
    return began.at();
  }
}
