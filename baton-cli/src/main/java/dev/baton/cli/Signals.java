package dev.baton.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C and SIGTERM into a clean cancellation: the first asks the run to stop (steps get
 * TERM, reports are written, exit 130); a second one exits at once.
 */
final class Signals {
  private static volatile boolean interrupted;

  private Signals() {}

  static void onInterrupt(Runnable cancel) {
    SignalHandler handler =
        sig -> {
          if (interrupted) {
            Runtime.getRuntime().halt(130);
          }
          interrupted = true;
          // First, so that no step starts once the message is out (a start under way finishes).
          cancel.run();
          Console.err()
              .println(
                  "\nbaton: cancelling ("
                      + sig.getName()
                      + "): stopping steps and writing reports; press Ctrl-C again to quit at once");
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
