package dev.baton.core.stages;

import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.DeploySpec;
import dev.baton.core.descriptor.GateSpec;
import dev.baton.core.descriptor.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What a stage step would do, in plain lines, for a dry run. */
public final class StageDescriptions {
  private StageDescriptions() {}

  public static List<String> describe(StageSpec stage, Command run) {
    List<String> out = new ArrayList<>();
    if (stage instanceof StageSpec.Validate v) {
      if (!ValidateStage.isEmpty(run)) {
        out.add("run: " + run.display());
      }
      out.add("read metrics from " + v.metrics() + " and ::metric lines");
      v.gates().forEach(g -> out.add("gate: " + g.name()));
    } else if (stage instanceof StageSpec.Benchmark b) {
      out.add(
          "run " + b.warmup() + " warm-up + " + b.repeat() + " measured times: " + run.display());
      b.regression()
          .ifPresent(
              r ->
                  out.add(
                      "compare with baseline '"
                          + r.baseline()
                          + "': fail above +"
                          + r.maxSlowdown() * 100
                          + "% when "
                          + r.confidence() * 100
                          + "% sure"));
    } else {
      DeploySpec d = (DeploySpec) stage;
      out.add("strategy " + d.strategy().id() + ", bake " + d.bake());
      if (d.strategy() == DeploySpec.Strategy.CANARY) {
        for (int w : d.weights()) {
          out.add(
              "weight "
                  + w
                  + "%: "
                  + DeployStage.withWeight(d.shift().orElseThrow(), w).display()
                  + ", then check");
        }
      } else {
        d.switchCommand().ifPresent(c -> out.add("switch: " + c.display() + ", then check"));
        d.retire().ifPresent(c -> out.add("retire: " + c.display()));
      }
      d.health()
          .ifPresent(
              h ->
                  out.add(
                      "health: "
                          + h.http().orElseGet(() -> h.run().orElseThrow().display())
                          + " x"
                          + h.count()));
      d.analysis()
          .ifPresent(
              a ->
                  out.add(
                      "analysis: "
                          + a.run().display()
                          + " gates "
                          + a.gates().stream()
                              .map(GateSpec::name)
                              .collect(Collectors.joining(", "))));
      out.add("on failure: " + d.rollback().map(Command::display).orElse("(no rollback command)"));
    }
    return out;
  }
}
