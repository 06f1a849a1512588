package dev.baton.core.engine;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.io.ParentDirectories;
import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of an attempt that ended: how it ended, and the outputs it wrote to {@code
 * $BATON_OUTPUT}. An output file that cannot be read or parsed fails an attempt that would have
 * succeeded: a step that declares values later steps read must not pass without them.
 */
final class AttemptEnds {
  private AttemptEnds() {}

  /**
   * Gives attempt {@code r.attempt} an empty output file of its own before it starts, so a step can
   * append to it and nothing of an earlier attempt is read as this one's. A file that cannot be
   * made is left to the step (its {@code >>} creates it).
   */
  static void freshOutputFile(StepRun r) {
    Path file = r.outputFile(r.attempt);
    try {
      Files.deleteIfExists(file);
      ParentDirectories.create(file);
      Files.createFile(file);
    } catch (IOException e) {
      // The step's own write then says what is wrong, and the read after it.
    }
  }

  /**
   * The attempt's record.
   *
   * @param workspace where the step's declared artifacts are: one missing fails an attempt that
   *     would have succeeded ({@link ArtifactFiles})
   */
  static AttemptRecord record(
      StepRun r, int attempt, Instant end, ExitStatus status, Throwable error, Path workspace) {
    Integer exitCode = status == null || !status.launched() ? null : status.exitCode();
    AttemptOutcome result = AttemptOutcome.of(r, status, error);
    StepState outcome = result.state();
    String message = result.message();
    if (outcome == StepState.CACHED) {
      exitCode = null; // taken from the step cache: no process ran
    }
    Map<String, String> outputs = Map.of();
    if (exitCode != null || outcome == StepState.CACHED) {
      StepOutputFile.Result read = StepOutputFile.read(r.outputFile(attempt), r.id());
      if (read instanceof StepOutputFile.Read ok) {
        outputs = ok.outputs();
      } else if (read instanceof StepOutputFile.Invalid bad) {
        if (outcome.isSuccessful()) {
          outcome = StepState.FAILED;
          message = bad.message();
        } else {
          message = message + "; " + bad.message();
        }
      }
    }
    if (outcome.isSuccessful() && outcome != StepState.CACHED) {
      Optional<String> missing = ArtifactFiles.missing(r.step.spec().artifacts(), workspace);
      if (missing.isPresent()) {
        outcome = StepState.FAILED;
        message = missing.get();
      }
    }
    StepHandle ran = r.handle == null ? null : r.handle.underlying();
    // Executors that hand out GPUs themselves (Slurm allocations) say which; others got r.gpus.
    List<Integer> gpus = r.gpus.isEmpty() && ran != null ? ran.gpusHeld() : r.gpus;
    return new AttemptRecord(
        attempt,
        r.attemptStarted(),
        end,
        exitCode,
        outcome,
        r.attemptAgent(),
        gpus,
        message,
        r.leaseWaitMillis,
        outputs,
        r.handle == null ? "" : r.handle.image(),
        r.handle == null ? "" : r.handle.imageDigest(),
        r.handle == null ? null : r.handle.usage(),
        ran == null ? null : ran.slurm());
  }
}
