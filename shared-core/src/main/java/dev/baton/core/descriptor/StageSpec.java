package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * What a {@code validate}, {@code benchmark} or {@code deploy} step does beyond its command. The
 * step's own command (validate's and benchmark's {@code run}) stays in {@link StepSpec#run()}.
 */
public sealed interface StageSpec permits StageSpec.Validate, StageSpec.Benchmark, DeploySpec {

  /** Where the stage key ({@code validate:}...) stands, for problems found while planning. */
  SourcePosition position();

  /** The kind of step this stage makes. */
  StepKind kind();

  /** A copy with every command the stage carries (not the step's {@code run}) rewritten. */
  StageSpec mapCommands(UnaryOperator<Command> rewrite);

  /** The gates the stage judges: validate's, a deploy's analysis'; none for a benchmark. */
  default List<GateSpec> gates() {
    return List.of();
  }

  /** A copy with every gate rewritten. */
  default StageSpec mapGates(UnaryOperator<GateSpec> rewrite) {
    return this;
  }

  /**
   * Gates on metrics a command writes to a JSON file or prints as {@code ::metric name=value}.
   *
   * @param metrics the metrics file, relative to the step's working directory
   */
  record Validate(SourcePosition position, String metrics, List<GateSpec> gates)
      implements StageSpec {
    public Validate {
      gates = List.copyOf(gates);
    }

    @Override
    public StepKind kind() {
      return StepKind.VALIDATE;
    }

    @Override
    public StageSpec mapCommands(UnaryOperator<Command> rewrite) {
      return this;
    }

    @Override
    public StageSpec mapGates(UnaryOperator<GateSpec> rewrite) {
      return new Validate(position, metrics, gates.stream().map(rewrite).toList());
    }
  }

  /**
   * Timed repetitions of the step's command.
   *
   * @param items items one run processes, for throughput; empty: no throughput
   * @param latencies a file of latencies (ms, one a line) the command writes; empty: wall time
   */
  record Benchmark(
      SourcePosition position,
      int warmup,
      int repeat,
      OptionalInt items,
      Optional<String> latencies,
      Optional<Regression> regression)
      implements StageSpec {

    @Override
    public StepKind kind() {
      return StepKind.BENCHMARK;
    }

    @Override
    public StageSpec mapCommands(UnaryOperator<Command> rewrite) {
      return this;
    }
  }

  /**
   * How a benchmark is compared with a stored baseline.
   *
   * @param maxSlowdown the largest passing slowdown of the median, as a fraction (0.05 is 5%)
   * @param confidence how sure a slowdown must be before it fails, in (0, 1)
   */
  record Regression(
      String baseline, double maxSlowdown, double confidence, boolean failOnInconclusive) {}
}
