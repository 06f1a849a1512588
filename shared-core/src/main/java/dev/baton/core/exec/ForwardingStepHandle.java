package dev.baton.core.exec;

import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.SlurmAttempt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A handle that adds to another one: every question it does not answer itself goes to the handle it
 * decorates. Decorators extend this rather than implement {@link StepHandle}, so a question added
 * to the interface later (or one a decorator forgot) is never answered with the interface's
 * "nothing" default: a {@code cache: true} step once recorded no process group and no Slurm job
 * because its decorator answered {@link #started()} and {@link #jobId()} with the defaults, and a
 * resumed run could then not find what it had left running.
 */
public abstract class ForwardingStepHandle implements StepHandle {
  private final StepHandle inner;

  protected ForwardingStepHandle(StepHandle inner) {
    this.inner = inner;
  }

  /** The handle this one decorates. */
  protected final StepHandle inner() {
    return inner;
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return inner.exit();
  }

  @Override
  public void stop(Duration grace) {
    inner.stop(grace);
  }

  @Override
  public Map<String, Object> results() {
    return inner.results();
  }

  @Override
  public long processGroup() {
    return inner.processGroup();
  }

  @Override
  public CompletableFuture<Long> started() {
    return inner.started();
  }

  @Override
  public void onLaterProcess(Consumer<AttemptProcess> listener) {
    inner.onLaterProcess(listener);
  }

  @Override
  public Optional<ReapedUsage> reapedUsage() {
    return inner.reapedUsage();
  }

  @Override
  public @Nullable AttemptUsage usage() {
    return inner.usage();
  }

  @Override
  public String jobId() {
    return inner.jobId();
  }

  @Override
  public String image() {
    return inner.image();
  }

  @Override
  public String imageDigest() {
    return inner.imageDigest();
  }

  @Override
  public @Nullable SlurmAttempt slurm() {
    return inner.slurm();
  }

  @Override
  public List<Integer> gpusHeld() {
    return inner.gpusHeld();
  }

  @Override
  public StepHandle underlying() {
    return inner.underlying();
  }
}
