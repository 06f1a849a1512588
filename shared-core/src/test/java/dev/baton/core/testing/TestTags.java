package dev.baton.core.testing;

/**
 * The JUnit tag names of every module's tests, written once. Tests carry them through the named
 * annotations ({@link SlurmTest}, {@link BrowserTest}, {@link ContainerTest}, {@link GpuTest},
 * {@link BenchmarkTest}, {@link FuzzTest}), never as a raw {@code @Tag("...")}; the poms, {@code
 * .ci/run} and the docs select with the same strings. {@code
 * TestsTagOnlyThroughNamedAnnotationsTest} checks both, so a misspelt tag cannot make a test
 * silently stop running.
 */
public final class TestTags {
  private TestTags() {}

  /** Needs a Slurm cluster; runs by default, skips without one (fails under CI). */
  public static final String SLURM = "slurm";

  /** Needs Chromium; runs by default, skips without it (fails under CI). */
  public static final String BROWSER = "browser";

  /**
   * Needs podman (and busybox-static to build its test images); runs by default, skips without them
   * (fails under CI).
   */
  public static final String CONTAINER = "container";

  /** Needs real NVIDIA GPUs; left out of the default build. */
  public static final String GPU = "gpu";

  /** Takes minutes and measures; left out of the default build. */
  public static final String BENCHMARK = "benchmark";

  /** Fuzzes with a new seed for a time; left out of the default build, run by {@code .ci/run}. */
  public static final String FUZZ = "fuzz";

  /**
   * What the default build leaves out: the root pom's {@code baton.excludedGroups} must say exactly
   * this.
   */
  public static final String DEFAULT_EXCLUDED = GPU + "," + BENCHMARK + "," + FUZZ;
}
