package dev.baton.core.api;

import dev.baton.core.descriptor.StepKind;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a front end can ask of a run, in one place: the CLI, the Maven goals and the Jenkins
 * library all translate their options into this and make one call into {@link Baton}.
 *
 * @param params overrides for the descriptor's {@code params}
 * @param parallel most steps running at once on the local machine; 0: the number of cores
 * @param reportDir where reports go; empty: {@code .baton/runs/<runId>} next to the descriptor
 * @param only step names or ids to run, with what they need; empty: all
 * @param kind run only steps of this kind, with what they need; empty: all
 * @param executor {@code local} or {@code slurm}; empty: the descriptor's choice, else local
 * @param agentsFile agents declared in a separate file; empty: the descriptor's or this machine
 * @param failFast cancel running steps when one fails, instead of letting them finish
 * @param dryRun plan and print, run nothing
 * @param resume a run id (or {@code latest}) to resume; empty: a fresh run
 * @param executorOptions engine settings such as Slurm's {@code partition}, {@code account}, {@code
 *     qos}, {@code poll} (a duration) and {@code args} (extra sbatch options, space separated)
 * @param noCache run steps with {@code cache: true} even when the step cache holds their result;
 *     successful ones still refresh their entries
 * @param leaseTimeout how long a step may wait for GPUs or concurrency slots that other processes
 *     on this machine hold before it fails; zero: as long as it takes
 * @param runTimeout how long the whole run may take, over the descriptor's top-level {@code
 *     timeout}; empty: the descriptor's
 */
public record BatonConfig(
    Path file,
    Map<String, String> params,
    int parallel,
    Optional<Path> reportDir,
    Set<String> only,
    Optional<StepKind> kind,
    String executor,
    Optional<Path> agentsFile,
    boolean failFast,
    boolean dryRun,
    Optional<String> resume,
    Map<String, String> executorOptions,
    boolean noCache,
    java.time.Duration leaseTimeout,
    Optional<java.time.Duration> runTimeout) {

  public BatonConfig {
    runTimeout = runTimeout == null ? Optional.empty() : runTimeout;
    leaseTimeout = leaseTimeout == null ? java.time.Duration.ZERO : leaseTimeout;
    executorOptions = Collections.unmodifiableMap(new LinkedHashMap<>(executorOptions));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    only = Set.copyOf(only);
    executor = executor == null ? "" : executor;
  }

  /** The defaults for {@code file}: every step, this machine, all cores. */
  public static BatonConfig of(Path file) {
    return new BatonConfig(
        file,
        Map.of(),
        0,
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        "",
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        Map.of(),
        false,
        java.time.Duration.ZERO,
        Optional.empty());
  }

  public BatonConfig withParams(Map<String, String> p) {
    return with(c -> c.params = p);
  }

  public BatonConfig withParallel(int n) {
    return with(c -> c.parallel = n);
  }

  public BatonConfig withReportDir(Path dir) {
    return with(c -> c.reportDir = Optional.ofNullable(dir));
  }

  public BatonConfig withOnly(Set<String> ids) {
    return with(c -> c.only = ids);
  }

  public BatonConfig withKind(StepKind k) {
    return with(c -> c.kind = Optional.ofNullable(k));
  }

  public BatonConfig withExecutor(String e) {
    return with(c -> c.executor = e);
  }

  public BatonConfig withAgentsFile(Path f) {
    return with(c -> c.agentsFile = Optional.ofNullable(f));
  }

  public BatonConfig withFailFast(boolean b) {
    return with(c -> c.failFast = b);
  }

  public BatonConfig withDryRun(boolean b) {
    return with(c -> c.dryRun = b);
  }

  public BatonConfig withExecutorOptions(Map<String, String> options) {
    return with(c -> c.executorOptions = options);
  }

  public BatonConfig withResume(String runId) {
    return with(c -> c.resume = Optional.ofNullable(runId));
  }

  public BatonConfig withNoCache(boolean b) {
    return with(c -> c.noCache = b);
  }

  public BatonConfig withLeaseTimeout(java.time.Duration d) {
    return with(c -> c.leaseTimeout = d);
  }

  /** The run's time limit over the descriptor's {@code timeout}; null: the descriptor's. */
  public BatonConfig withRunTimeout(java.time.Duration d) {
    return with(c -> c.runTimeout = Optional.ofNullable(d));
  }

  /** A copy with one change: each {@code withX} above names only the field it changes. */
  private BatonConfig with(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** The fields of a config, mutable, for {@link #with}. */
  private static final class Copy {
    Path file;
    Map<String, String> params;
    int parallel;
    Optional<Path> reportDir;
    Set<String> only;
    Optional<StepKind> kind;
    String executor;
    Optional<Path> agentsFile;
    boolean failFast;
    boolean dryRun;
    Optional<String> resume;
    Map<String, String> executorOptions;
    boolean noCache;
    java.time.Duration leaseTimeout;
    Optional<java.time.Duration> runTimeout;

    Copy(BatonConfig b) {
      file = b.file;
      params = b.params;
      parallel = b.parallel;
      reportDir = b.reportDir;
      only = b.only;
      kind = b.kind;
      executor = b.executor;
      agentsFile = b.agentsFile;
      failFast = b.failFast;
      dryRun = b.dryRun;
      resume = b.resume;
      executorOptions = b.executorOptions;
      noCache = b.noCache;
      leaseTimeout = b.leaseTimeout;
      runTimeout = b.runTimeout;
    }

    BatonConfig build() {
      return new BatonConfig(
          file,
          params,
          parallel,
          reportDir,
          only,
          kind,
          executor,
          agentsFile,
          failFast,
          dryRun,
          resume,
          executorOptions,
          noCache,
          leaseTimeout,
          runTimeout);
    }
  }
}
