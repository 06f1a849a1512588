package dev.baton.core.usage;

import dev.baton.core.os.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Samples every running attempt of a run from one daemon thread, every {@code interval}, while at
 * least one runs: one scan of {@code /proc} per tick for all of them, and one {@code nvidia-smi}
 * for all GPU attempts; ticks find nothing to do while none runs. An attempt shorter than the
 * interval is measured by the kernel's accounting at its end alone.
 */
public final class UsageSampler {
  private final Duration interval;
  private final Map<Long, AttemptMeter> running = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor ticker;
  private final GpuSampler gpus;
  private @Nullable ScheduledFuture<?> ticking;

  public UsageSampler(Duration interval) {
    this.interval = interval;
    this.ticker = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("baton-usage"));
    ticker.setRemoveOnCancelPolicy(true);
    this.gpus = new GpuSampler(interval, running.values());
  }

  /** Starts measuring the process group {@code group}, which holds {@code gpuIndices}. */
  AttemptMeter start(long group, List<Integer> gpuIndices) {
    AttemptMeter meter = new AttemptMeter(group, gpuIndices);
    running.put(group, meter);
    synchronized (this) {
      if (ticking == null) {
        long ms = interval.toMillis();
        ticking = ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
      }
    }
    if (meter.usesGpus()) {
      gpus.attemptStarted();
    }
    return meter;
  }

  /** Stops measuring {@code meter}'s group. */
  void stop(AttemptMeter meter) {
    // The ticker keeps its schedule (an idle tick costs nothing): cancelling and scheduling again
    // whenever no attempt runs for a moment cost more than the ticks on a pipeline of short steps.
    running.remove(meter.group(), meter);
    if (meter.usesGpus()) {
      gpus.attemptEnded();
    }
  }

  private void tick() {
    if (running.isEmpty()) {
      return;
    }
    Set<Long> groups = Set.copyOf(running.keySet());
    for (Map.Entry<Long, GroupSample> e : ProcTable.sample(groups).entrySet()) {
      AttemptMeter m = running.get(e.getKey());
      if (m != null) {
        m.add(e.getValue());
      }
    }
  }
}
