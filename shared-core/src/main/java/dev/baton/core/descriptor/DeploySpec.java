package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A staged rollout: commands that move traffic, checks after each stage, and a rollback.
 *
 * @param bake how long each stage runs before it is checked; zero: no wait
 * @param shift canary: sends {@code ${{ deploy.weight }}} percent of traffic to the new version
 * @param switchCommand direct and blue-green: sends all traffic to the new version
 */
public record DeploySpec(
    SourcePosition position,
    Strategy strategy,
    List<Integer> weights,
    Duration bake,
    Optional<Command> shift,
    Optional<Command> switchCommand,
    Optional<Command> retire,
    Optional<Health> health,
    Optional<Analysis> analysis,
    Optional<Command> rollback)
    implements StageSpec {

  /** The name {@code ${{ deploy.weight }}} binds to while planning; replaced at each stage. */
  public static final String WEIGHT_PLACEHOLDER = "BATONDEPLOYWEIGHTx7f3a";

  public DeploySpec {
    weights = List.copyOf(weights);
  }

  /** How traffic moves to the new version. */
  public enum Strategy {
    DIRECT,
    CANARY,
    BLUE_GREEN;

    /** The name as written in the descriptor. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * How to tell the new version is healthy: exactly one of {@code http} and {@code run}.
   *
   * @param count checks per stage
   * @param failureLimit failed checks in one stage that fail it
   */
  public record Health(
      Optional<String> http,
      Optional<Command> run,
      Duration interval,
      int count,
      int failureLimit,
      Duration timeout) {}

  /** A command that prints a JSON object of live metrics, judged by gates {@code count} times. */
  public record Analysis(Command run, List<GateSpec> gates, Duration interval, int count) {
    public Analysis {
      gates = List.copyOf(gates);
    }
  }

  @Override
  public StepKind kind() {
    return StepKind.DEPLOY;
  }

  @Override
  public List<GateSpec> gates() {
    return analysis.map(Analysis::gates).orElse(List.of());
  }

  @Override
  public DeploySpec mapGates(UnaryOperator<GateSpec> rewrite) {
    return new DeploySpec(
        position,
        strategy,
        weights,
        bake,
        shift,
        switchCommand,
        retire,
        health,
        analysis.map(
            a ->
                new Analysis(
                    a.run(), a.gates().stream().map(rewrite).toList(), a.interval(), a.count())),
        rollback);
  }

  @Override
  public DeploySpec mapCommands(UnaryOperator<Command> rewrite) {
    return new DeploySpec(
        position,
        strategy,
        weights,
        bake,
        shift.map(rewrite),
        switchCommand.map(rewrite),
        retire.map(rewrite),
        health.map(
            h ->
                new Health(
                    // The URL is text, not a shell word: rendered like one argument of a list run.
                    h.http()
                        .map(
                            u ->
                                ((Command.Argv) rewrite.apply(new Command.Argv(List.of(u))))
                                    .args()
                                    .get(0)),
                    h.run().map(rewrite),
                    h.interval(),
                    h.count(),
                    h.failureLimit(),
                    h.timeout())),
        analysis.map(a -> new Analysis(rewrite.apply(a.run()), a.gates(), a.interval(), a.count())),
        rollback.map(rewrite));
  }
}
