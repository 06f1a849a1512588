package dev.baton.core.api;

import dev.baton.core.descriptor.StepKind;
import dev.baton.core.plan.KindSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a front end can ask of a run, in one place: the CLI, the Maven goals and the Jenkins
 * library all translate their options into this and make one call into {@link Baton}.
 *
 * <p>Made with {@link #of(Path)} (the defaults) or {@link #builder(Path)}; {@link #toBuilder()}
 * starts a changed copy. Immutable. The options live in one place, {@link Builder}: adding one is a
 * field with its default and a setter there, and an accessor here.
 */
public final class BatonConfig {
  /** A private copy that nothing changes after {@link Builder#build}. */
  private final Builder values;

  private BatonConfig(Builder values) {
    this.values = values;
  }

  /** The defaults for {@code file}: every step, this machine, all cores. */
  public static BatonConfig of(Path file) {
    return builder(file).build();
  }

  /** A builder holding the defaults for {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /** A builder holding this config's values, to change some of them. */
  public Builder toBuilder() {
    return values.copy();
  }

  /** The descriptor. */
  public Path file() {
    return values.file;
  }

  /** Overrides for the descriptor's {@code params}, in the order given. */
  public Map<String, String> params() {
    return values.params;
  }

  /** Most steps running at once on the local machine; 0: the number of cores. */
  public int parallel() {
    return values.parallel;
  }

  /** Where reports go; empty: {@code .baton/runs/<runId>} next to the descriptor. */
  public Optional<Path> reportDir() {
    return values.reportDir;
  }

  /** Step names or ids to run, with what they need; empty: all. */
  public Set<String> only() {
    return values.only;
  }

  /**
   * Which kinds of steps to run: those of the chosen kinds with what they need (none chosen: all),
   * less the kinds left out and the steps that need them.
   */
  public KindSelection kinds() {
    return new KindSelection(values.kinds, values.leftOutKinds);
  }

  /** {@code local} or {@code slurm}; empty: the descriptor's choice, else local. */
  public String executor() {
    return values.executor;
  }

  /** Agents declared in a separate file; empty: the descriptor's or this machine. */
  public Optional<Path> agentsFile() {
    return values.agentsFile;
  }

  /** Cancel running steps when one fails, instead of letting them finish. */
  public boolean failFast() {
    return values.failFast;
  }

  /**
   * Plan only: {@link Baton#run} checks the descriptor and returns the plan, starting no step and
   * writing nothing.
   */
  public boolean dryRun() {
    return values.dryRun;
  }

  /** A run id (or {@code latest}) to resume; empty: a fresh run. */
  /**
   * How long the whole run may take, over the descriptor's top-level {@code timeout}; empty: the
   * descriptor's.
   */
  public Optional<Duration> runTimeout() {
    return values.runTimeout;
  }

  public Optional<String> resume() {
    return values.resume;
  }

  /**
   * Engine settings such as Slurm's {@code partition}, {@code account}, {@code qos}, {@code poll}
   * (a duration) and {@code args} (extra sbatch options, space separated).
   */
  public Map<String, String> executorOptions() {
    return values.executorOptions;
  }

  /**
   * Run steps with {@code cache: true} even when the step cache holds their result; successful ones
   * still refresh their entries.
   */
  public boolean noCache() {
    return values.noCache;
  }

  /**
   * How long a step may wait for GPUs or concurrency slots that other processes on this machine
   * hold before it fails; zero: as long as it takes.
   */
  public Duration leaseTimeout() {
    return values.leaseTimeout;
  }

  @Override
  public String toString() {
    return "BatonConfig[" + values.file + "]";
  }

  /**
   * The options of a {@link BatonConfig}, each with its default. Each setter sets the option its
   * name says (documented on the accessor of the same name); setters take null for "the default",
   * so a front end can pass what it was given as it is. Not thread-safe; {@link #build} may be
   * called again after further changes.
   */
  public static final class Builder implements Cloneable {
    private final Path file;
    private Map<String, String> params = Map.of();
    private int parallel;
    private Optional<Path> reportDir = Optional.empty();
    private Set<String> only = Set.of();
    private Set<StepKind> kinds = Set.of();
    private Set<StepKind> leftOutKinds = Set.of();
    private String executor = "";
    private Optional<Path> agentsFile = Optional.empty();
    private boolean failFast;
    private boolean dryRun;
    private Optional<String> resume = Optional.empty();
    private Map<String, String> executorOptions = Map.of();
    private boolean noCache;
    private Duration leaseTimeout = Duration.ZERO;
    private Optional<Duration> runTimeout = Optional.empty();

    private Builder(Path file) {
      this.file = file;
    }

    public Builder params(Map<String, String> params) {
      this.params = ordered(params);
      return this;
    }

    public Builder parallel(int parallel) {
      this.parallel = parallel;
      return this;
    }

    public Builder reportDir(@Nullable Path reportDir) {
      this.reportDir = Optional.ofNullable(reportDir);
      return this;
    }

    public Builder only(@Nullable Set<String> only) {
      this.only = only == null ? Set.of() : Set.copyOf(only);
      return this;
    }

    /** Only steps of this kind, with what they need; null: every kind. */
    public Builder kind(@Nullable StepKind kind) {
      this.kinds = kind == null ? Set.of() : Set.of(kind);
      return this;
    }

    /** Only steps of these kinds, with what they need; null or empty: every kind. */
    public Builder kinds(@Nullable Set<StepKind> kinds) {
      this.kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
      return this;
    }

    /** Steps of these kinds, and the steps that need them, do not run; null: none left out. */
    public Builder leaveOut(@Nullable Set<StepKind> kinds) {
      this.leftOutKinds = kinds == null ? Set.of() : Set.copyOf(kinds);
      return this;
    }

    public Builder executor(@Nullable String executor) {
      this.executor = executor == null ? "" : executor;
      return this;
    }

    public Builder agentsFile(@Nullable Path agentsFile) {
      this.agentsFile = Optional.ofNullable(agentsFile);
      return this;
    }

    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder resume(@Nullable String runId) {
      this.resume = Optional.ofNullable(runId);
      return this;
    }

    public Builder executorOptions(Map<String, String> executorOptions) {
      this.executorOptions = ordered(executorOptions);
      return this;
    }

    public Builder noCache(boolean noCache) {
      this.noCache = noCache;
      return this;
    }

    public Builder leaseTimeout(@Nullable Duration leaseTimeout) {
      this.leaseTimeout = leaseTimeout == null ? Duration.ZERO : leaseTimeout;
      return this;
    }

    /** The config; later changes to this builder do not reach it. */
    public Builder runTimeout(@Nullable Duration runTimeout) {
      this.runTimeout = Optional.ofNullable(runTimeout);
      return this;
    }

    public BatonConfig build() {
      return new BatonConfig(copy());
    }

    /** Every field is immutable (or a final reference to an immutable value): a shallow copy. */
    private Builder copy() {
      try {
        return (Builder) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    private static Map<String, String> ordered(Map<String, String> map) {
      return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
  }
}
