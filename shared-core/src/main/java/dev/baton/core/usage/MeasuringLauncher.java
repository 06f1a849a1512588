package dev.baton.core.usage;

import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.StepLauncher;
import java.time.Duration;
import java.util.Optional;

/**
 * Measures what each attempt uses: wraps another launcher and samples the process group of every
 * attempt it starts, from the moment its process exists until it is reaped. Attempts without a
 * process group on this machine (a cache hit, a Slurm job) are not measured; a stage step's
 * commands are, one after another.
 */
public final class MeasuringLauncher implements StepLauncher {
  private final StepLauncher inner;
  private final UsageSampler sampler;

  private MeasuringLauncher(StepLauncher inner, Duration interval) {
    this.inner = inner;
    this.sampler = new UsageSampler(interval);
  }

  /**
   * {@code inner}, measured every {@code interval}; {@code inner} itself when the interval is empty
   * (sampling off) or this machine has no process table to read.
   */
  public static StepLauncher around(StepLauncher inner, Optional<Duration> interval) {
    if (interval.isEmpty() || !ProcTable.available()) {
      return inner;
    }
    return new MeasuringLauncher(inner, interval.get());
  }

  @Override
  public StepHandle launch(StepLaunch launch) {
    return new MeasuredHandle(inner.launch(launch), launch.gpus(), sampler);
  }
}
