package dev.baton.core.engine;

import dev.baton.core.secrets.RunSecrets;
import dev.baton.core.stages.AliasBaselines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the engine runs one plan.
 *
 * @param pipeline the pipeline's name, which steps see as {@code BATON_PIPELINE}
 * @param workspace the descriptor's directory, which steps see as {@code BATON_WORKSPACE}
 * @param maxRunning most attempts in flight at once across all agents; 0: only agents' executors
 *     limit it
 * @param baseEnv the environment every step starts from (normally Baton's own)
 * @param killGrace how long a step has between TERM and KILL
 * @param assignGpus whether Baton picks GPU indices (false when an engine such as Slurm binds them)
 * @param secrets the run's secret values: steps get those they list, logs are masked
 * @param readCache whether steps with {@code cache: true} may be taken from the step cache (false:
 *     the cache is turned off, they run and refresh their entries)
 * @param leaseDirectory where machine-wide GPU and concurrency leases live; empty: this run takes
 *     none (a platform without {@code flock}, or a caller that opts out)
 * @param leaseTimeout how long a step may wait for leases other processes hold before it fails;
 *     zero: as long as it takes
 * @param runTimeout how long the whole run may take ({@link RunDeadline}); empty: no limit
 * @param aliases the figures behind gate baselines that follow a model's alias ({@code
 *     model@champion}), from the run history
 */
public record RunSettings(
    String runId,
    String pipeline,
    Path workspace,
    Path reportDir,
    int maxRunning,
    boolean failFast,
    Map<String, String> baseEnv,
    Duration killGrace,
    boolean assignGpus,
    long randomSeed,
    RunSecrets secrets,
    boolean readCache,
    Optional<Path> leaseDirectory,
    Duration leaseTimeout,
    Optional<Duration> runTimeout,
    AliasBaselines aliases) {

  public RunSettings {
    aliases = aliases == null ? AliasBaselines.NONE : aliases;
    runTimeout = runTimeout == null ? Optional.empty() : runTimeout;
    leaseTimeout = leaseTimeout == null ? Duration.ZERO : leaseTimeout;
    baseEnv = Map.copyOf(baseEnv);
    secrets = secrets == null ? RunSecrets.NONE : secrets;
  }
}
