package dev.baton.core.plan;

import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.descriptor.StageSpec;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.expr.Bindings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code needs.*} names a step's stage reads: in its commands ({@code deploy}'s shift, switch,
 * health check, analysis, rollback...) and in its gates. A stage whose commands read them is left
 * as written at plan time and rendered when the step becomes ready; a gate is judged then with
 * their values.
 */
public final class StageReferences {
  private StageReferences() {}

  /** Every name the stage's commands read (a health check's URL included). */
  public static Set<String> ofCommands(StageSpec stage) {
    Set<String> names = new LinkedHashSet<>();
    stage.mapCommands(
        c -> {
          names.addAll(NeedsReferences.of(c));
          return c;
        });
    return names;
  }

  /** Whether the stage's commands read {@code needs.*}. */
  public static boolean commandsReadNeeds(StageSpec stage) {
    return NeedsReferences.readsNeeds(ofCommands(stage));
  }

  /** The {@code needs.*} names {@code gate} reads; empty for an object gate. */
  public static Set<String> ofGate(GateSpec gate) {
    if (!(gate instanceof GateSpec.Expr e)) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : NeedsReferences.of(e.text(), true)) {
      if (NeedsReferences.readsNeeds(Set.of(name))) {
        names.add(name);
      }
    }
    return names;
  }

  /** Whether any gate of the stage reads {@code needs.*} and has not been given their values. */
  public static boolean gatesReadNeeds(StageSpec stage) {
    return stage.gates().stream()
        .anyMatch(g -> !ofGate(g).isEmpty() && ((GateSpec.Expr) g).needs().isEmpty());
  }

  /**
   * Problems with the {@code needs.*} names of {@code spec}'s stage: in its commands (whose other
   * names must exist in {@code known}) and in its gates (whose other names are metrics, known only
   * when the step runs).
   */
  public static List<DescriptorProblem> check(StepSpec spec, StageSpec stage, Bindings known) {
    List<DescriptorProblem> problems = new ArrayList<>();
    Set<String> commands = ofCommands(stage);
    if (NeedsReferences.readsNeeds(commands)) {
      NeedsReferences.check(
              spec, commands, known, stage.position(), "in a command of step '" + spec.name() + "'")
          .ifPresent(problems::add);
    }
    for (GateSpec gate : stage.gates()) {
      Set<String> reads = ofGate(gate);
      if (!reads.isEmpty()) {
        NeedsReferences.check(
                spec,
                reads,
                ((GateSpec.Expr) gate).position(),
                "in gate '" + gate.name() + "' of step '" + spec.name() + "'")
            .ifPresent(problems::add);
      }
    }
    return problems;
  }
}
