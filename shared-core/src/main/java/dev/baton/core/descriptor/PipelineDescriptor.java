package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code baton.yaml}: immutable, every field checked, steps in declaration order.
 *
 * @param file the descriptor file; its directory is the workspace steps run in
 * @param executor the engine named in the descriptor ({@code local}, {@code slurm}), or empty
 * @param secrets where each secret's value comes from, by name; the values are read only by a run
 * @param gpuBusy the top-level {@code gpuBusy:}: for the {@code local} agent and every agent that
 *     sets none of its own
 * @param paramSpecs each parameter's declaration (type, bounds, choices), by name; {@code params}
 *     holds their defaults as text
 * @param timeout the top-level {@code timeout:}: how long the whole run may take; empty: no limit
 * @param notifications the top-level {@code notify:}: webhooks told of the run's outcome
 * @param limits whether steps' {@code agent.memory} and {@code agent.cpus} are enforced ({@code
 *     limits:})
 * @param slurm the top-level {@code slurm:} block: the Slurm executor's options ({@code mode},
 *     {@code partition}, {@code account}, {@code qos}) by name; the front end's own win
 */
public record PipelineDescriptor(
    Path file,
    int version,
    String name,
    Map<String, String> params,
    Map<String, String> env,
    StepDefaults defaults,
    List<AgentSpec> agents,
    String executor,
    Map<String, StepSpec> steps,
    Map<String, SecretSpec> secrets,
    GpuBusyPolicy gpuBusy,
    Map<String, ParamSpec> paramSpecs,
    Optional<Duration> timeout,
    List<NotifySpec> notifications,
    LimitsPolicy limits,
    Map<String, String> slurm) {

  /** This descriptor with {@code steps} instead of its own (tests build long chains this way). */
  public PipelineDescriptor withSteps(Map<String, StepSpec> steps) {
    return new PipelineDescriptor(
        file,
        version,
        name,
        params,
        env,
        defaults,
        agents,
        executor,
        steps,
        secrets,
        gpuBusy,
        paramSpecs,
        timeout,
        notifications,
        limits,
        slurm);
  }

  public PipelineDescriptor {
    limits = limits == null ? LimitsPolicy.ADVISORY : limits;
    slurm = slurm == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slurm));
    secrets =
        secrets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    agents = List.copyOf(agents);
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    executor = executor == null ? "" : executor;
    gpuBusy = gpuBusy == null ? GpuBusyPolicy.DEFAULT : gpuBusy;
    Map<String, ParamSpec> specs = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : params.entrySet()) {
      ParamSpec declared = paramSpecs == null ? null : paramSpecs.get(p.getKey());
      specs.put(
          p.getKey(),
          declared != null
              ? declared
              : ParamSpec.string(p.getKey(), p.getValue(), SourcePosition.of(file + "")));
    }
    paramSpecs = Collections.unmodifiableMap(specs);
    timeout = timeout == null ? Optional.empty() : timeout;
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }

  /** The directory steps run in unless they set {@code workdir}. */
  public Path workspace() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
