package dev.baton.core.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks {@code nvidia-smi} which processes use this machine's GPUs, under a hard time limit; never
 * throws: when it is missing, fails, hangs or prints what Baton cannot read, the answer is
 * "unknown" with the problem.
 */
public final class GpuProcessQuery {
  static final String[] QUERY = {
    "--query-compute-apps=gpu_uuid,pid,used_memory,process_name", "--format=csv,noheader,nounits"
  };

  /** How long {@code nvidia-smi} may take to answer before it is killed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final String WHILE =
      " when asked which processes use the GPUs, so no GPU is handed out until it answers; ";
  private static final String FIX =
      "run nvidia-smi to see why, or set gpuBusy: {ignoreForeign: true} to hand GPUs out anyway";

  private final Optional<Path> executable;
  private final List<Gpu> gpus;
  private final Map<String, String> environment;
  private final Duration timeout;

  /**
   * Looks {@code nvidia-smi} up on the {@code PATH} of {@code environment}.
   *
   * @param gpus the detected GPUs, whose UUIDs give each process its GPU index
   */
  public GpuProcessQuery(List<Gpu> gpus, Map<String, String> environment) {
    this(Optional.empty(), gpus, environment, DEFAULT_TIMEOUT);
  }

  /** Runs the {@code nvidia-smi} at {@code executable}, or the one on the PATH when empty. */
  public GpuProcessQuery(
      Optional<Path> executable,
      List<Gpu> gpus,
      Map<String, String> environment,
      Duration timeout) {
    this.executable = executable;
    this.gpus = List.copyOf(gpus);
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /** The processes on the GPUs now; takes up to the time limit and a little more. */
  public GpuProcesses query() {
    Optional<Path> smi =
        executable.isPresent() ? executable : NvidiaSmiCall.findOnPath(environment);
    if (smi.isEmpty() || !Files.isExecutable(smi.get())) {
      String where = executable.map(p -> "not found at " + p).orElse("not found on PATH");
      return GpuProcesses.unknown(
          "nvidia-smi "
              + where
              + ", so Baton cannot tell which GPUs other processes use and hands none out;"
              + " put nvidia-smi on PATH, or set gpuBusy: {ignoreForeign: true} to hand GPUs out"
              + " anyway");
    }
    NvidiaSmiCall.Result call = NvidiaSmiCall.run(smi.get(), QUERY, environment, timeout);
    return switch (call.status()) {
      case NOT_STARTED ->
          GpuProcesses.unknown(
              "nvidia-smi at "
                  + smi.get()
                  + " could not start ("
                  + call.startError()
                  + ")"
                  + WHILE
                  + FIX);
      case TIMED_OUT ->
          GpuProcesses.unknown(
              "nvidia-smi did not answer within " + NvidiaSmiCall.seconds(timeout) + WHILE + FIX);
      case ANSWERED ->
          call.exit() == 0
              ? ComputeAppsOutput.parse(call.stdout(), gpus)
              : GpuProcesses.unknown("nvidia-smi failed (" + detail(call) + ")" + WHILE + FIX);
    };
  }

  private static String detail(NvidiaSmiCall.Result call) {
    String reason = call.reason();
    return reason.isEmpty() ? "exit " + call.exit() : "exit " + call.exit() + ": " + reason;
  }
}
