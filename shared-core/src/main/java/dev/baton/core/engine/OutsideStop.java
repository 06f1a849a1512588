package dev.baton.core.engine;

import dev.baton.core.exec.ExitStatus;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A step killed by SIGHUP, SIGINT or SIGTERM that Baton did not send is judged a moment later. Such
 * a signal usually stops more than the step: a CI abort signals the whole process tree (Jenkins'
 * durable task, GitLab's and GitHub's runners), Ctrl-C reaches every process in the terminal's
 * group. When Baton itself is being stopped the run is cancelled within that moment, and the step
 * counts as cancelled with the others instead of as a failure that raced the cancel (bash treats a
 * child that dies of SIGINT the same way).
 */
final class OutsideStop {
  // Two seconds: on a loaded 2-core CI machine the JVM handled its own SIGTERM more than half a
  // second after the step died of the same abort (CleanupStepsPipelineTest, 1 in 4 fresh builds).
  /** How long the step's end waits for a cancel of the run. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private OutsideStop() {}

  /** Whether the attempt of {@code r} ended by such a signal although Baton did not stop it. */
  static boolean suspected(StepRun r, @Nullable ExitStatus status) {
    if (status == null
        || !status.launched()
        || r.cancelled
        || r.timedOut
        || r.runTimedOut != null) {
      return false;
    }
    int code = status.exitCode();
    return code == 128 + 1 || code == 128 + 2 || code == 128 + 15;
  }
}
