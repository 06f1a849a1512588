package dev.baton.core.exec.container;

import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.ForwardingStepHandle;
import dev.baton.core.exec.StepHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local attempt running in a podman or Docker container: stopping it stops the container by its
 * name ({@code <runtime> stop -t <grace>}: TERM, then KILL), not only the client process, whose
 * death would leave the container running; once the attempt has ended after a stop, whatever is
 * left of the container is removed.
 */
final class ContainerHandle extends ForwardingStepHandle {
  private final String program;
  private final String name;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CompletableFuture<ExitStatus> exit;

  ContainerHandle(StepHandle client, String program, String name) {
    super(client);
    this.program = program;
    this.name = name;
    this.exit =
        client
            .exit()
            .thenApply(
                status -> {
                  if (stopped.get()) {
                    // A stop that came before the container existed: the client may have created
                    // it after all. --rm removes a container that ran.
                    RuntimeCli.run(List.of(program, "rm", "-f", name), ImageCheck.INSPECT_TIMEOUT);
                  }
                  return status;
                });
  }

  @Override
  public CompletableFuture<ExitStatus> exit() {
    return exit;
  }

  @Override
  public void stop(Duration grace) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    // The runtime's stop waits up to the grace; the client's group is stopped after it, so that
    // the client is there to report the container's exit code (137 when it was killed).
    CompletableFuture<Void> unused =
        CompletableFuture.runAsync(
            () -> {
              stopByName(program, name, grace);
              inner().stop(grace);
            });
  }

  /** {@code stop -t}, then {@code rm -f}; whether the container was there. */
  static boolean stopByName(String program, String name, Duration grace) {
    long seconds = Math.max(1, grace.toSeconds());
    RuntimeCli.Result stop =
        RuntimeCli.run(
            List.of(program, "stop", "-t", Long.toString(seconds), name),
            grace.plus(ImageCheck.INSPECT_TIMEOUT));
    RuntimeCli.run(List.of(program, "rm", "-f", name), ImageCheck.INSPECT_TIMEOUT);
    return stop.ok();
  }
}
