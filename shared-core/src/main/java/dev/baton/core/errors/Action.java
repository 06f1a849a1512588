package dev.baton.core.errors;

import java.util.List;

/**
 * Something the core can tell a user to do through a front end, with its arguments: resume run
 * {@code 20261206-1}, promote a run to a baseline. Each front end spells it, as a command with its
 * flags or a goal with its properties.
 *
 * @param kind what to do
 * @param arguments its arguments, in the order {@link Kind} documents
 */
public record Action(Kind kind, List<String> arguments) {

  /** What a front end can be asked to do. */
  public enum Kind {
    /** Run the whole pipeline; no arguments. */
    RUN("run the pipeline"),
    /** Resume a run; one argument: the run id. */
    RESUME("resume the run"),
    /** Check the descriptor without running a step; no arguments. */
    CHECK("check the descriptor"),
    /** Promote a run's benchmark results to a named baseline; arguments: run id, baseline name. */
    PROMOTE_BASELINE("promote the run to the baseline");

    private final String neutral;

    Kind(String neutral) {
      this.neutral = neutral;
    }

    /** The action in plain words. */
    public String neutral() {
      return neutral;
    }
  }

  public Action {
    arguments = List.copyOf(arguments);
  }

  public static Action run() {
    return new Action(Kind.RUN, List.of());
  }

  public static Action resume(String runId) {
    return new Action(Kind.RESUME, List.of(runId));
  }

  public static Action check() {
    return new Action(Kind.CHECK, List.of());
  }

  public static Action promoteBaseline(String runId, String baseline) {
    return new Action(Kind.PROMOTE_BASELINE, List.of(runId, baseline));
  }
}
