package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.GpuBusyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which GPUs count as busy with foreign work, against a /proc written by the test. */
class ForeignGpuUseTest {
  private static final List<Gpu> TWO_GPUS =
      List.of(GpuProcessQueryTest.gpu(0, "GPU-0"), GpuProcessQueryTest.gpu(1, "GPU-1"));

  @TempDir Path proc;
  private ForeignGpuUse use;

  @BeforeEach
  void fakeProc() throws Exception {
    stat("self", 1, 1);
    use = new ForeignGpuUse(new ProcStat(proc));
  }

  /** Writes {@code proc/<pid>/stat} with the given process group and session. */
  private void stat(String pid, long group, long session) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(pid));
    Files.writeString(
        dir.resolve("stat"), pid + " (py thon) S 1 " + group + " " + session + " 0 -1 4194560\n");
  }

  private static GpuProcess on(int gpu, long pid, long mib, String name) {
    return new GpuProcess(gpu, "GPU-" + gpu, pid, OptionalLong.of(mib), name);
  }

  @Test
  void aProcessOutsideEveryBatonStepMakesItsGpuBusy() throws Exception {
    stat("777", 777, 700);

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(List.of(on(0, 777, 30720, "/usr/bin/python"))),
            TWO_GPUS,
            GpuBusyPolicy.DEFAULT,
            Set.of(500L));

    assertThat(busy.known()).isTrue();
    assertThat(busy.busy())
        .containsExactly(
            Map.entry(0, "GPU 0 busy: pid 777 (python) uses 30 GiB, not a Baton step"));
    assertThat(busy.reason(1)).isEmpty();
  }

  @Test
  void aProcessInABatonStepsSessionOrGroupIsNotForeign() throws Exception {
    stat("801", 801, 800);
    stat("802", 900, 555);

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(List.of(on(0, 801, 1000, "a"), on(1, 802, 1000, "b"))),
            TWO_GPUS,
            GpuBusyPolicy.DEFAULT,
            Set.of(800L, 900L));

    assertThat(busy).isEqualTo(ForeignGpus.NONE);
  }

  @Test
  void aProcessThatEndedSinceNvidiaSmiListedItDoesNotCount() {
    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(List.of(on(0, 4242, 1000, "gone"))),
            TWO_GPUS,
            GpuBusyPolicy.DEFAULT,
            Set.of());

    assertThat(busy.busy()).isEmpty();
  }

  @Test
  void withoutProcEveryProcessCountsAsForeign() throws Exception {
    ForeignGpus busy =
        new ForeignGpuUse(new ProcStat(proc.resolve("missing")))
            .busyGpus(
                GpuProcesses.of(List.of(on(1, 4242, 1000, "x"))),
                TWO_GPUS,
                GpuBusyPolicy.DEFAULT,
                Set.of(4242L));

    assertThat(busy.busy()).containsOnlyKeys(1);
  }

  @Test
  void processesUnderTheMemoryThresholdDoNotCountButUnreportedMemoryDoes() throws Exception {
    stat("10", 10, 10);
    stat("11", 11, 11);
    GpuProcess small = on(0, 10, 1023, "small");
    GpuProcess unreported = new GpuProcess(1, "GPU-1", 11, OptionalLong.empty(), "");

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(List.of(small, unreported)),
            TWO_GPUS,
            new GpuBusyPolicy(false, 1024),
            Set.of());

    assertThat(busy.busy())
        .containsExactly(
            Map.entry(
                1, "GPU 1 busy: pid 11 uses memory nvidia-smi does not report, not a Baton step"));
  }

  @Test
  void ignoreForeignHandsOutEveryGpuEvenWhenNvidiaSmiFailed() {
    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.unknown("nvidia-smi failed"),
            TWO_GPUS,
            new GpuBusyPolicy(true, 0),
            Set.of());

    assertThat(busy).isEqualTo(ForeignGpus.NONE);
  }

  @Test
  void anUnknownAnswerKeepsEveryRealGpuOfTheAgentWithTheProblem() {
    String problem = "nvidia-smi did not answer within 5 s when asked ...; run nvidia-smi";

    ForeignGpus busy =
        use.busyGpus(GpuProcesses.unknown(problem), TWO_GPUS, GpuBusyPolicy.DEFAULT, Set.of());

    assertThat(busy.known()).isFalse();
    assertThat(busy.problem()).isEqualTo(problem);
    assertThat(busy.busy())
        .containsExactly(
            Map.entry(0, "GPU 0 not handed out: " + problem),
            Map.entry(1, "GPU 1 not handed out: " + problem));
  }

  @Test
  void simulatedGpusAreNeverBusyWithForeignWork() {
    List<Gpu> simulated = List.of(new Gpu(0, "Simulated GPU", 0, "", true));

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.unknown("nvidia-smi failed"), simulated, GpuBusyPolicy.DEFAULT, Set.of());

    assertThat(busy).isEqualTo(ForeignGpus.NONE);
  }

  @Test
  void onlyTheAgentsOwnGpusAreConsidered() throws Exception {
    stat("20", 20, 20);
    List<Gpu> secondOnly = List.of(GpuProcessQueryTest.gpu(1, "GPU-1"));

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(List.of(on(0, 20, 5000, "x"))),
            secondOnly,
            GpuBusyPolicy.DEFAULT,
            Set.of());

    assertThat(busy.busy()).isEmpty();
  }

  @Test
  void severalForeignProcessesAreNamedByTheBiggest() throws Exception {
    stat("30", 30, 30);
    stat("31", 31, 31);
    stat("32", 32, 32);

    ForeignGpus busy =
        use.busyGpus(
            GpuProcesses.of(
                List.of(on(0, 30, 100, "a"), on(0, 31, 2048, "/bin/b"), on(0, 32, 1536, "c"))),
            TWO_GPUS,
            GpuBusyPolicy.DEFAULT,
            Set.of());

    assertThat(busy.reason(0))
        .contains("GPU 0 busy: pid 31 (b) uses 2 GiB and 2 more processes, not Baton steps");
  }

  @Test
  void statParserReadsGroupAndSessionAfterACommandNameWithParentheses() {
    assertThat(ProcStat.parse(5, "5 (a) (b) R 1 44 55 0 -1")).contains(new ProcStat.Ids(5, 44, 55));
    assertThat(ProcStat.parse(5, "5 (a) R 1")).isEmpty();
    assertThat(ProcStat.parse(5, "garbage")).isEmpty();
  }
}
