package dev.baton.core.exec.slurm;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import java.nio.file.Path;
import java.time.Duration;
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
    return TestLaunches.launch(id, command, request, stepEnv, env, dir, timeout);
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
