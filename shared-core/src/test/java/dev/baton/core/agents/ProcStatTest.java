package dev.baton.core.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.GpuBusyPolicy;
import dev.baton.core.testing.RequiredTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Baton steps told apart from other processes by their session, with real processes. */
class ProcStatTest {
  private static final List<Gpu> ONE_GPU = List.of(GpuProcessQueryTest.gpu(0, "GPU-0"));

  private final ProcStat proc = new ProcStat();
  private Process leader;
  private long child;

  @BeforeEach
  void needsProcAndSetsid() {
    RequiredTool.require(
        proc.available() && Files.isExecutable(Path.of("/usr/bin/setsid")),
        "/proc and /usr/bin/setsid (util-linux) are needed to start a process in its own session");
  }

  @AfterEach
  void stopProcesses() {
    if (child > 0) {
      ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
    }
    if (leader != null) {
      leader.destroyForcibly();
    }
  }

  /** Starts {@code sh} leading a session of its own, with a {@code sleep} child in it. */
  private void startSessionWithChild() throws Exception {
    // The JVM's child leads no process group, so setsid execs sh in place: sh keeps its pid.
    leader = new ProcessBuilder("/usr/bin/setsid", "sh", "-c", "sleep 60 & echo $!; wait").start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(leader.getInputStream(), StandardCharsets.UTF_8));
    // sh prints the child's pid only after it forked it, inside the new session.
    child = Long.parseLong(out.readLine().strip());
  }

  private static GpuProcess on(long pid) {
    return new GpuProcess(0, "GPU-0", pid, OptionalLong.of(30720), "/usr/bin/sleep");
  }

  @Test
  void readsTheSessionOfAProcessStartedWithSetsid() throws Exception {
    startSessionWithChild();

    Optional<ProcStat.Ids> ids = proc.read(child);

    assertThat(ids).isPresent();
    assertThat(ids.get().session()).isEqualTo(leader.pid());
    assertThat(ids.get().pid()).isEqualTo(child);
  }

  @Test
  void aProcessInTheSessionOfABatonStepIsNotForeign() throws Exception {
    startSessionWithChild();

    ForeignGpus busy =
        new ForeignGpuUse(proc)
            .busyGpus(
                GpuProcesses.of(List.of(on(child), on(leader.pid()))),
                ONE_GPU,
                GpuBusyPolicy.DEFAULT,
                Set.of(leader.pid()));

    assertThat(busy).isEqualTo(ForeignGpus.NONE);
  }

  @Test
  void theSameProcessIsForeignWhenItsSessionIsNoBatonStep() throws Exception {
    startSessionWithChild();

    ForeignGpus busy =
        new ForeignGpuUse(proc)
            .busyGpus(
                GpuProcesses.of(List.of(on(child))),
                ONE_GPU,
                GpuBusyPolicy.DEFAULT,
                Set.of(ProcessHandle.current().pid()));

    assertThat(busy.busy())
        .containsExactly(
            Map.entry(0, "GPU 0 busy: pid " + child + " (sleep) uses 30 GiB, not a Baton step"));
  }

  @Test
  void aProcessThatHasEndedReadsAsGone() throws Exception {
    Process done = new ProcessBuilder("true").start();
    // Reaped once waitFor returns, so /proc has no entry for it any more.
    done.waitFor();

    assertThat(proc.read(done.pid())).isEmpty();
  }

  @Test
  void readsThisJvmsOwnIds() {
    long self = ProcessHandle.current().pid();

    assertThat(proc.read(self)).map(ProcStat.Ids::pid).contains(self);
  }
}
