package dev.baton.core.exec;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.CacheSpec;
import dev.baton.core.descriptor.Command;
import dev.baton.core.descriptor.MatrixSpec;
import dev.baton.core.descriptor.RetryPolicy;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.descriptor.StepSpec;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds one attempt's launch for executor tests: one step, its request, its command. */
public final class TestLaunches {
  private TestLaunches() {}

  public static StepLaunch launch(
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
            CacheSpec.NONE,
            List.of(),
            Optional.empty(),
            List.of());
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

  /** A shell step that runs {@code script} with only PATH in its environment. */
  public static StepLaunch shell(String id, String script, AgentRequest request, Path dir) {
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
