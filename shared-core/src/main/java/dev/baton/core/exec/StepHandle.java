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

/** A running attempt: completes once with its exit status; can be asked to stop. */
public interface StepHandle {

  /** Completes when the attempt's main process has ended (not its background children). */
  CompletableFuture<ExitStatus> exit();

  /**
   * Stops the attempt and everything it started: TERM to its whole process tree (or the engine's
   * equivalent, such as {@code scancel}), then KILL after {@code grace}. Returns at once.
   */
  void stop(Duration grace);

  /**
   * What the attempt measured, once {@link #exit()} has completed: gates, benchmark statistics, a
   * rollout's weight changes. Recorded as the step's {@code results} in run.json; empty for plain
   * steps.
   */
  default Map<String, Object> results() {
    return Map.of();
  }

  /**
   * The process group the attempt runs in, where the engine has one ({@code -1} otherwise): the run
   * journal records it so a resumed run can find and stop an attempt a killed Baton left.
   */
  default long processGroup() {
    return -1;
  }

  /**
   * Completes with {@link #processGroup()} once the attempt's process exists; an engine that starts
   * attempts asynchronously completes it a little after {@code launch} returns.
   */
  default CompletableFuture<Long> started() {
    return CompletableFuture.completedFuture(processGroup());
  }

  /**
   * Tells {@code listener}, on any thread, of each process group or job the attempt starts after
   * the one {@link #started()} reports (a validate, benchmark or deploy step runs its commands one
   * after another, each in its own group or Slurm job); those already started are told at once. The
   * run journal records each, so a resumed run can stop whatever the attempt left running, and the
   * attempt's leases name the group that runs now. A handle with one process tells nothing.
   */
  default void onLaterProcess(Consumer<AttemptProcess> listener) {}

  /**
   * What the kernel accounted to the attempt's process tree when it was reaped, once {@link
   * #exit()} has completed; empty where the executor cannot tell (not started by this JVM).
   */
  default Optional<ReapedUsage> reapedUsage() {
    return Optional.empty();
  }

  /**
   * What the attempt used while it ran, once {@link #exit()} has completed; null where it was not
   * measured.
   */
  default @Nullable AttemptUsage usage() {
    return null;
  }

  /** The engine's id of the attempt (a Slurm job id), empty where it has none. */
  default String jobId() {
    return "";
  }

  /**
   * The Slurm job and node the attempt ran in, once {@link #exit()} has completed; null where it
   * did not run on Slurm or the executor cannot tell.
   */
  default @Nullable SlurmAttempt slurm() {
    return null;
  }

  /**
   * The GPU indices the executor itself gave the attempt (Slurm's allocation mode hands out an
   * allocation's GPUs), for the run record where the scheduler gave it none; empty otherwise.
   */
  default List<Integer> gpusHeld() {
    return List.of();
  }

  /** The image the attempt ran in, as written ({@code container: image}); empty on the host. */
  default String image() {
    return "";
  }

  /** The digest of {@link #image()} the attempt ran (the image id); empty on the host. */
  default String imageDigest() {
    return "";
  }

  /**
   * The handle this one decorates (adding what it knows, such as the image), or itself: what the
   * engine asks about capabilities of the launcher that made it, such as a cache verdict.
   */
  default StepHandle underlying() {
    return this;
  }

  /** A handle for an attempt that ended before it started, such as a program that is missing. */
  static StepHandle finished(ExitStatus status) {
    CompletableFuture<ExitStatus> done = CompletableFuture.completedFuture(status);
    return new StepHandle() {
      @Override
      public CompletableFuture<ExitStatus> exit() {
        return done;
      }

      @Override
      public void stop(Duration grace) {}
    };
  }
}
