package dev.baton.core.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this machine's NVIDIA GPUs by asking {@code nvidia-smi}; never throws: a missing or failing
 * {@code nvidia-smi} means no GPUs plus a problem to tell the user.
 */
public final class GpuDetector {
  static final String[] QUERY = {
    "--query-gpu=index,name,memory.total,uuid", "--format=csv,noheader,nounits"
  };
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String NO_GPUS = ", so no GPUs are used; ";
  private static final String RUN_IT = "run nvidia-smi to see why";

  private final Map<String, String> environment;
  private final Optional<Path> executable;
  private final Duration timeout;

  /** Looks {@code nvidia-smi} up on the {@code PATH} of {@code environment}. */
  public GpuDetector(Map<String, String> environment) {
    this(Optional.empty(), environment, TIMEOUT);
  }

  /** Runs the {@code nvidia-smi} at {@code executable} (tests, unusual installs). */
  public GpuDetector(Path executable, Map<String, String> environment) {
    this(Optional.of(executable), environment, TIMEOUT);
  }

  GpuDetector(Optional<Path> executable, Map<String, String> environment, Duration timeout) {
    this.environment = Map.copyOf(environment);
    this.executable = executable;
    this.timeout = timeout;
  }

  /** Asks {@code nvidia-smi} for the GPUs; zero GPUs and a problem when that does not work. */
  public GpuDetection detect() {
    Optional<Path> smi =
        executable.isPresent() ? executable : NvidiaSmiCall.findOnPath(environment);
    if (smi.isEmpty() || !Files.isExecutable(smi.get())) {
      String where = executable.map(p -> "not found at " + p).orElse("not found on PATH");
      return GpuDetection.none(
          "nvidia-smi " + where + NO_GPUS + "install the NVIDIA driver or put nvidia-smi on PATH");
    }
    return run(smi.get());
  }

  private GpuDetection run(Path smi) {
    NvidiaSmiCall.Result call = NvidiaSmiCall.run(smi, QUERY, environment, timeout);
    switch (call.status()) {
      case NOT_STARTED -> {
        return GpuDetection.none(
            "nvidia-smi at "
                + smi
                + " could not start ("
                + call.startError()
                + ")"
                + NO_GPUS
                + RUN_IT);
      }
      case TIMED_OUT -> {
        return GpuDetection.none(
            "nvidia-smi did not answer within "
                + NvidiaSmiCall.seconds(timeout)
                + NO_GPUS
                + RUN_IT);
      }
      default -> {}
    }
    if (call.exit() != 0) {
      String reason = call.reason();
      String detail =
          reason.isEmpty() ? "exit " + call.exit() : "exit " + call.exit() + ": " + reason;
      return GpuDetection.none("nvidia-smi failed (" + detail + ")" + NO_GPUS + RUN_IT);
    }
    return NvidiaSmiOutput.parse(call.stdout());
  }
}
