package dev.baton.core.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a thread with a small stack, so a recursion whose depth grows with the input fails a
 * test at a few thousand levels instead of passing on a big main-thread stack.
 */
public final class SmallStack {
  /** Far below the 1 MiB a JVM thread gets by default, far above what bounded code needs. */
  public static final long BYTES = 256 * 1024;

  private SmallStack() {}

  public static <T> T call(Callable<T> body) throws Throwable {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(body.call());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            BYTES);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }
}
