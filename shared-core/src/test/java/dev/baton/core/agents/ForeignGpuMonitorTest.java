package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.GpuBusyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignGpuMonitorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Agent AGENT =
      new Agent(
          "local",
          Set.of("local"),
          1,
          1,
          OptionalLong.empty(),
          List.of(GpuProcessQueryTest.gpu(0, "GPU-0")));
  private static final GpuProcesses ONE_FOREIGN =
      GpuProcesses.of(
          List.of(new GpuProcess(0, "GPU-0", 777, OptionalLong.of(30720), "/usr/bin/python")));

  @TempDir Path dir;
  private final List<String> notices = new CopyOnWriteArrayList<>();

  /** A /proc in which pid 777 is a process of session 700. */
  private ProcStat proc() throws Exception {
    for (String pid : List.of("self", "777")) {
      Path d = Files.createDirectories(dir.resolve(pid));
      Files.writeString(d.resolve("stat"), pid + " (python) S 1 700 700 0");
    }
    return new ProcStat(dir);
  }

  @Test
  void answersAtOnceWhileNvidiaSmiIsStillBeingAsked() throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    Supplier<GpuProcesses> slow =
        () -> {
          asking.countDown();
          await(answer);
          return ONE_FOREIGN;
        };
    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(slow, Duration.ZERO, notices::add, proc())) {
      assertThat(asking.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      GpuProcesses first = monitor.snapshot();
      ForeignGpus busy = monitor.busyGpus(AGENT, GpuBusyPolicy.DEFAULT, Set.of());

      assertThat(first.known()).isFalse();
      assertThat(first.problem()).isEqualTo(GpuProcesses.STILL_ASKING);
      assertThat(busy.reason(0)).contains("GPU 0 not handed out: " + GpuProcesses.STILL_ASKING);
      answer.countDown();
      assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();
      assertThat(monitor.snapshot()).isEqualTo(ONE_FOREIGN);
      assertThat(monitor.busyGpus(AGENT, GpuBusyPolicy.DEFAULT, Set.of()).busy())
          .containsExactly(
              Map.entry(0, "GPU 0 busy: pid 777 (python) uses 30 GiB, not a Baton step"));
      assertThat(monitor.busyGpus(AGENT, GpuBusyPolicy.DEFAULT, Set.of(700L)).busy()).isEmpty();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void asksAgainOnlyAfterSomeoneAskedForTheAnswer() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(
            () -> {
              queries.incrementAndGet();
              return ONE_FOREIGN;
            },
            Duration.ZERO,
            notices::add,
            proc())) {
      assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();
      assertThat(queries).hasValue(1);

      monitor.snapshot();

      assertThat(monitor.awaitAnswers(2, WAIT)).isTrue();
      assertThat(queries.get()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void asksAtMostOncePerInterval() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(
            () -> {
              queries.incrementAndGet();
              return ONE_FOREIGN;
            },
            Duration.ofHours(1),
            notices::add,
            proc())) {
      assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();

      for (int i = 0; i < 100; i++) {
        assertThat(monitor.snapshot()).isEqualTo(ONE_FOREIGN);
      }

      // An hour has not passed, so however often it was asked, nvidia-smi ran once.
      assertThat(monitor.awaitAnswers(2, Duration.ofMillis(1))).isFalse();
      assertThat(queries).hasValue(1);
    }
  }

  @Test
  void tellsOnceWhenNvidiaSmiStartsFailingAndWhenItAnswersAgain() throws Exception {
    List<GpuProcesses> answers =
        List.of(
            GpuProcesses.unknown("nvidia-smi failed (exit 9); run nvidia-smi to see why"),
            GpuProcesses.unknown("nvidia-smi failed (exit 9); run nvidia-smi to see why"),
            ONE_FOREIGN);
    AtomicInteger next = new AtomicInteger();
    Supplier<GpuProcesses> query =
        () -> answers.get(Math.min(next.getAndIncrement(), answers.size() - 1));
    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(query, Duration.ZERO, notices::add, proc())) {
      for (int i = 1; i <= 3; i++) {
        assertThat(monitor.awaitAnswers(i, WAIT)).isTrue();
        monitor.snapshot();
      }
      assertThat(monitor.awaitAnswers(3, WAIT)).isTrue();
    }

    assertThat(notices)
        .containsExactly(
            "nvidia-smi failed (exit 9); run nvidia-smi to see why",
            ForeignGpuMonitor.ANSWERS_AGAIN);
  }

  @Test
  void aQueryThatThrowsIsAnUnknownAnswerNotADeadThread() throws Exception {
    AtomicInteger queries = new AtomicInteger();
    Supplier<GpuProcesses> query =
        () -> {
          if (queries.incrementAndGet() == 1) {
            throw new IllegalStateException("boom");
          }
          return ONE_FOREIGN;
        };
    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(query, Duration.ZERO, notices::add, proc())) {
      assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();
      assertThat(monitor.snapshot().problem()).contains("boom");

      assertThat(monitor.awaitAnswers(2, WAIT)).isTrue();
      assertThat(monitor.snapshot()).isEqualTo(ONE_FOREIGN);
    }
  }

  @Test
  void closeStopsTheThreadEvenWhileItWaitsToBeAsked() throws Exception {
    ForeignGpuMonitor monitor =
        ForeignGpuMonitor.watching(() -> ONE_FOREIGN, Duration.ZERO, notices::add, proc());
    assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();

    monitor.close();

    assertThat(monitor.awaitStopped(WAIT)).isTrue();
  }

  @Test
  void withOnlySimulatedGpusNvidiaSmiIsNeverAsked() {
    // A PATH whose nvidia-smi would fail: a monitor that ran it would answer "unknown".
    Path bin = FakeNvidiaSmi.install(dir, "failing");
    List<Gpu> simulated = List.of(new Gpu(0, "Simulated GPU", 0, "", true));

    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.start(simulated, FakeNvidiaSmi.pathWith(bin), notices::add)) {
      assertThat(monitor.snapshot()).isEqualTo(GpuProcesses.of(List.of()));
      assertThat(monitor.busyGpus(AGENT, GpuBusyPolicy.DEFAULT, Set.of()).busy()).isEmpty();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void watchesRealGpusWithTheFakeNvidiaSmi() throws Exception {
    Path bin = FakeNvidiaSmi.install(dir, "failing");

    try (ForeignGpuMonitor monitor =
        ForeignGpuMonitor.start(AGENT.gpus(), FakeNvidiaSmi.pathWith(bin), notices::add)) {
      assertThat(monitor.awaitAnswers(1, WAIT)).isTrue();

      assertThat(monitor.busyGpus(AGENT, GpuBusyPolicy.DEFAULT, Set.of()).problem())
          .startsWith("nvidia-smi failed (exit 9: NVIDIA-SMI has failed");
      assertThat(monitor.busyGpus(AGENT, new GpuBusyPolicy(true, 0), Set.of()))
          .isEqualTo(ForeignGpus.NONE);
    }
    assertThat(notices).singleElement().asString().startsWith("nvidia-smi failed (exit 9");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
