package dev.baton.maven;

import dev.baton.core.api.Baton;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a running pipeline when Maven is interrupted (Ctrl-C), and holds the JVM open until the
 * run has stopped its steps and written its reports, so an interrupted build still leaves run.json.
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
                finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
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
