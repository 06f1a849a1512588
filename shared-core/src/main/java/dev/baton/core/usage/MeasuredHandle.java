package dev.baton.core.usage;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.AttemptUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A handle whose attempt is sampled while it runs. Its exit completes only after the usage is
 * final, so whoever reads {@link #usage()} after the exit sees the whole attempt. An attempt that
 * runs commands one after another (a validate, benchmark or deploy step) is sampled command by
 * command, each in its own process group, and its usage is their sum ({@link UsageSum}), raised to
 * what the kernel accounted to the commands as each was reaped (a command shorter than the sampling
 * interval has no sample).
 */
final class MeasuredHandle extends ForwardingStepHandle {
  private final UsageSampler sampler;
  private final CompletableFuture<ExitStatus> exit;
  private @Nullable AttemptMeter meter;
  private final List<AttemptUsage> earlier = new ArrayList<>();
  private boolean ended;
  private volatile @Nullable AttemptUsage usage;

  @SuppressWarnings("FutureReturnValueIgnored") // the callback only registers a group, never throws
  MeasuredHandle(StepHandle inner, List<Integer> gpus, UsageSampler sampler) {
    super(inner);
    this.sampler = sampler;
    inner
        .started()
        .thenAccept(
            group -> {
              if (group != null && group > 0) {
                begin(group, gpus);
              }
            });
    inner.onLaterProcess(
        p -> {
          if (p.processGroup() > 0) {
            next(p.processGroup(), gpus);
          }
        });
    // Also when the exit fails: the group is no longer sampled either way.
    this.exit = inner.exit().whenComplete((status, error) -> end());
  }

  private synchronized void begin(long group, List<Integer> gpus) {
    if (!ended) {
      meter = sampler.start(group, gpus);
    }
  }

  /** The attempt's next command started: the one before it has ended. */
  private synchronized void next(long group, List<Integer> gpus) {
    if (ended) {
      return;
    }
    AttemptMeter previous = meter;
    if (previous != null) {
      sampler.stop(previous);
      earlier.add(previous.finish(Optional.empty()));
    }
    meter = sampler.start(group, gpus);
  }

  private synchronized void end() {
    ended = true;
    AttemptMeter m = meter;
    Optional<ReapedUsage> reaped = inner().reapedUsage();
    if (m != null && !earlier.isEmpty()) {
      sampler.stop(m);
      earlier.add(m.finish(Optional.empty()));
      usage = UsageSum.raisedTo(UsageSum.of(earlier), reaped);
    } else if (m != null) {
      sampler.stop(m);
      usage = m.finish(reaped);
    } else if (reaped.isPresent()) {
      usage = new AttemptMeter(-1, List.of()).finish(reaped);
    } else {
      // Not on this machine (a Slurm job): what the executor learnt of it, if anything.
      usage = inner().usage();
    }
  }

  @Override
  public @Nullable AttemptUsage usage() {
    return usage;
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }
}
