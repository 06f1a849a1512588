package dev.baton.core.os;

import java.util.concurrent.ThreadFactory;

/**
 * Threads that never keep the JVM alive: Baton's background work (following jobs, sampling, timers)
 * must not stop a front end from exiting once its run is over.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads all called {@code name} (as thread dumps show them). */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
