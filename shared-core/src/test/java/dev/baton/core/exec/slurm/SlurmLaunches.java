package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.descriptor.RetryPolicy;
import dev.baton.core.descriptor.SourcePosition;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds the launches the Slurm tests submit: one step, its request, its command. */
final class SlurmLaunches {
  private SlurmLaunches() {}

  static AgentRequest gpus(int n) {
    return new AgentRequest("", n, OptionalLong.empty(), "", 0, OptionalLong.empty());
  }

  static AgentRequest request(String label, int gpus, String model, int cpus, long memoryMiB) {
    return new AgentRequest(
        label,
        gpus,
        OptionalLong.empty(),
        model,
        cpus,
        memoryMiB > 0 ? OptionalLong.of(memoryMiB) : OptionalLong.empty());
  }

  static StepLaunch launch(
      String id,
      Command command,
      AgentRequest request,
      Map<String, String> stepEnv,
      Map<String, String> env,
      Path dir,
      Optional<Duration> timeout) {
    SourcePosition at = SourcePosition.of("test");
    StepSpec spec =
        new StepSpec(
            id,
            at,
            StepKind.RUN,
            command,
            at,
            List.of(),
            MatrixSpec.NONE,
            "",
            at,
            timeout,
            RetryPolicy.NONE,
            stepEnv,
            "",
            false,
            request,
            0,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            dev.baton.core.descriptor.CacheSpec.NONE);
    PlannedStep step =
        new PlannedStep(
            id,
            spec,
            Map.of(),
            command,
            List.of(),
            stepEnv,
            dir,
            timeout,
            RetryPolicy.NONE,
            request,
            Optional.empty(),
            "");
    return new StepLaunch(
        step,
        1,
        command,
        env,
        dir,
        dir.resolve("logs").resolve(id + ".log"),
        "",
        List.of(),
        timeout);
  }

  static StepLaunch shell(String id, String script, AgentRequest request, Path dir) {
    return launch(
        id,
        new Command.Shell(script),
        request,
        Map.of(),
        Map.of("PATH", System.getenv("PATH")),
        dir,
        Optional.empty());
  }
}
