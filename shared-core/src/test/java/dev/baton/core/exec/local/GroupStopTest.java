package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.errors.InfrastructureException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nothing waits for ever on a stopped attempt whose launcher never reports its end. */
class GroupStopTest {

  @Test
  @Timeout(30)
  void aStoppedAttemptWhoseEndIsNeverReportedEndsAsLostOnceItsGroupIsEmpty() throws Exception {
    Process sleeper = new ProcessBuilder(ProcessGroups.wrap(List.of("sleep", "1000"))).start();
    ScheduledThreadPoolExecutor killer = new ScheduledThreadPoolExecutor(1);
    try {
      GroupStop stop = new GroupStop(Duration.ofMillis(200));
      // The leader's exit as a launcher that lost it hands it over: never completed.
      CompletableFuture<Integer> exit = stop.heldUntilOver(new CompletableFuture<>());
      long pid = sleeper.pid();
      stop.begin(
          new GroupStop.Group() {
            @Override
            public void signal(String signal) {
              ProcessGroups.signalGroup(pid, signal, sleeper.toHandle());
            }

            @Override
            public boolean anyLeft() {
              return sleeper.isAlive();
            }
          },
          Duration.ofSeconds(5),
          killer);
      assertThatThrownBy(() -> exit.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(InfrastructureException.class)
          .hasMessageContaining("its end was not reported")
          .hasMessageContaining("recorded as lost");
      assertThat(sleeper.isAlive()).isFalse();
    } finally {
      sleeper.destroyForcibly();
      killer.shutdownNow();
    }
  }
}
