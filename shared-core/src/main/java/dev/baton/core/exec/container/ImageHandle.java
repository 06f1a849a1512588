package dev.baton.core.exec.container;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ReapedUsage;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.record.AttemptUsage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** An attempt's handle that also says which image it ran in, for the run record. */
final class ImageHandle implements StepHandle {
  private final StepHandle inner;
  private final String image;
  private final String digest;

  ImageHandle(StepHandle inner, String image, String digest) {
    this.inner = inner;
    this.image = image;
    this.digest = digest;
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
  public StepHandle underlying() {
    return inner.underlying();
  }

  @Override
  public String image() {
    return image;
  }

  @Override
  public String imageDigest() {
    return digest;
  }
}
