package dev.baton.maven;

import dev.baton.core.api.Baton;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a running pipeline when Maven is interrupted (Ctrl-C), and holds the JVM open until the
 * run has stopped its steps and written its reports, so an interrupted build still leaves run.json.
 * Cleanup steps ({@code when: ${{ always() }}}...) run meanwhile; those still running when {@code
 * wait} has passed are stopped as by a second Ctrl-C, which the JVM, shutting down, cannot deliver.
 */
final class CancelOnShutdown {
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);

  CancelOnShutdown(Baton baton, Duration wait) {
    this.hook =
        new Thread(
            () -> {
              baton.cancel();
              try {
                if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                  // Cleanup steps (always()...) still running: stop them too, so the JVM does not
                  // leave them behind and the reports are still written.
                  baton.stopNow();
                  finished.await(Baton.KILL_GRACE.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "baton-cancel-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The run is over: the hook has nothing left to do. */
  void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is running; it returns once we count down.
    }
  }
}
