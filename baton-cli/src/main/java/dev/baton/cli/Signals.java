package dev.baton.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C and SIGTERM into a clean cancellation: the first asks the run to stop (steps get
 * TERM, cleanup steps still run, reports are written, exit 130); a second one stops the cleanup
 * steps too (reports are still written); a third exits at once.
 */
final class Signals {
  private static final AtomicInteger RECEIVED = new AtomicInteger();

  private Signals() {}

  /** Calls {@code cancel} on the first INT or TERM, {@code stopNow} on the second. */
  static void onInterrupt(Runnable cancel, Runnable stopNow) {
    SignalHandler handler =
        sig -> {
          int n = RECEIVED.incrementAndGet();
          if (n > 2) {
            Runtime.getRuntime().halt(130);
          }
          // First, so that no step starts once the message is out (a start under way finishes).
          (n == 1 ? cancel : stopNow).run();
          Console.err()
              .println(
                  n == 1
                      ? "\nbaton: cancelling ("
                          + sig.getName()
                          + "): stopping steps, running cleanup steps and writing reports;"
                          + " press Ctrl-C again to stop the cleanup steps too"
                      : "\nbaton: stopping ("
                          + sig.getName()
                          + "): cleanup steps too, then writing reports;"
                          + " press Ctrl-C again to quit at once");
        };
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), handler);
      } catch (IllegalArgumentException e) {
        // This platform does not have the signal.
      }
    }
  }
}
