package dev.baton.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The processes an attempt started after its first, for {@link StepHandle#onLaterProcess}: each
 * listener hears of those already started at once, then of each new one, in order. Thread-safe.
 */
public final class LaterProcesses {
  private final List<AttemptProcess> started = new ArrayList<>();
  private final List<Consumer<AttemptProcess>> listeners = new ArrayList<>();

  /** One more process of the attempt exists. */
  public synchronized void add(AttemptProcess p) {
    started.add(p);
    for (Consumer<AttemptProcess> l : listeners) {
      l.accept(p);
    }
  }

  /**
   * Reports every process that {@code handle}, the handle of one of the attempt's commands, runs:
   * its own once it exists (where it has a group or a job), then any it starts later.
   */
  public void follow(StepHandle handle) {
    CompletableFuture<Void> unused =
        handle
            .started()
            .thenAccept(
                group -> {
                  long g = group == null ? -1 : group;
                  if (g > 0 || !handle.jobId().isEmpty()) {
                    add(new AttemptProcess(g, handle.jobId()));
                  }
                });
    handle.onLaterProcess(this::add);
  }

  /** Tells {@code listener} of every process started so far, then of each one started later. */
  public synchronized void listen(Consumer<AttemptProcess> listener) {
    started.forEach(listener);
    listeners.add(listener);
  }
}
