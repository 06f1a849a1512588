package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.errors.UsageException;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.testing.GroupMembers;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same promises kept by every way of starting a local step, with real processes. */
class LocalLaunchersTest {
  private static final AgentRequest ANY =
      new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty());
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  void exitCodesOfScriptsAndProgramsAndSignals(LocalLauncher launcher) throws Exception {
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      assertThat(run(executor, shell("a", "exit 7"))).isEqualTo(ExitStatus.exited(7));
      assertThat(run(executor, shell("b", "true"))).isEqualTo(ExitStatus.exited(0));
      assertThat(run(executor, argv("c", "/bin/sh", "-c", "exit 3")))
          .isEqualTo(ExitStatus.exited(3));
      assertThat(run(executor, shell("d", "kill -9 $$"))).isEqualTo(ExitStatus.exited(137));
    }
  }

  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  void theStepGetsExactlyItsEnvironmentDirectoryAndDescriptors(LocalLauncher launcher)
      throws Exception {
    Path work = Files.createDirectory(dir.resolve("work dir"));
    StepLaunch launch =
        TestLaunches.launch(
            "env",
            new Command.Shell(
                "echo \"FOO=$FOO HOME=${HOME-unset}\"; pwd; read x || echo stdin-empty;"
                    + " n=0; while [ $n -lt 1024 ]; do"
                    + " [ -e /proc/$$/fd/$n ] && echo \"fd $n\"; n=$((n+1)); done"),
            ANY,
            Map.of(),
            Map.of("PATH", System.getenv("PATH"), "FOO", "a b;$(id)"),
            work,
            Optional.empty());
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      assertThat(run(executor, launch)).isEqualTo(ExitStatus.exited(0));
    }
    List<String> log = Files.readAllLines(launch.log());
    assertThat(log)
        .contains("FOO=a b;$(id) HOME=unset", work.toString(), "stdin-empty")
        .filteredOn(l -> l.startsWith("fd "))
        .containsExactlyInAnyOrder("fd 0", "fd 1", "fd 2");
  }

  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  void stopEndsTheWholeProcessGroup(LocalLauncher launcher) throws Exception {
    Path pids = dir.resolve("pids");
    StepLaunch launch =
        shell("slow", "trap '' TERM; sleep 1000 & echo $! > '" + pids + "'; sleep 1000 & wait");
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      StepHandle handle = executor.launch(launch);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!(Files.exists(pids) && Files.size(pids) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long child = Long.parseLong(Files.readString(pids).strip());
      handle.stop(Duration.ofMillis(300));
      ExitStatus status = handle.exit().get(10, TimeUnit.SECONDS);
      assertThat(status.exitCode()).isIn(137, 143);
      while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
          .as("background child %s left running", child)
          .isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  void stopKillsWhatIsLeftOfTheGroupAfterItsLeaderEndedOnTerm(LocalLauncher launcher)
      throws Exception {
    RequiredTool.require(
        GroupMembers.readable(), "/proc, to see which processes of the group are left");
    // The step's own shell ends on TERM; the inner shell and its sleeps ignore it.
    StepLaunch launch =
        shell("stubborn", "sh -c 'trap \"\" TERM; sleep 1000 & sleep 1001'; echo not-reached");
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      StepHandle handle = executor.launch(launch);
      long group = handle.started().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (GroupMembers.of(group).stream().filter(p -> p.endsWith(" sleep")).count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(GroupMembers.of(group)).filteredOn(p -> p.endsWith(" sleep")).hasSize(2);
      handle.stop(Duration.ofMillis(300));
      handle.exit().get(10, TimeUnit.SECONDS);
      assertThat(GroupMembers.of(group))
          .as("processes of the stopped step's group once its end is reported")
          .isEmpty();
    }
  }

  /**
   * The state a stop that races a launch leaves the job shell in — a subshell TERMed between its
   * fork and its trap dies without reporting — made deterministic: the step's leader is KILLed
   * alone, so nothing of the step reports its end, and a stop empties the rest of its group.
   */
  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  @Timeout(60)
  void aStepWhoseLeaderDiedWithoutReportingEndsOnStop(LocalLauncher launcher) throws Exception {
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      StepHandle handle = executor.launch(shell("orphan", "sleep 1000; true"));
      long group = handle.started().get(10, TimeUnit.SECONDS);
      ProcessHandle.of(group).ifPresent(ProcessHandle::destroyForcibly);
      handle.stop(Duration.ofMillis(300));
      assertThat(handle.exit().get(20, TimeUnit.SECONDS).exitCode()).isIn(137, 143);
    }
  }

  /** A step whose whole group is KILLed from inside (its leader too) still ends, unstopped. */
  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  @Timeout(60)
  void aStepThatKillsItsOwnGroupEnds(LocalLauncher launcher) throws Exception {
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      StepHandle handle = executor.launch(shell("suicide", "kill -KILL 0; sleep 1000"));
      assertThat(handle.exit().get(20, TimeUnit.SECONDS).exitCode()).isEqualTo(137);
    }
  }

  /**
   * A stop that arrives while the step is being launched, or just after it ended, still lets its
   * end be seen. Racy by nature (the job shell lost about one such end in four): repeated.
   */
  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  @Timeout(120)
  void aStopAsTheStepIsLaunchedOrEndsStillEndsIt(LocalLauncher launcher) throws Exception {
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      for (int i = 0; i < 20; i++) {
        StepHandle launching = executor.launch(shell("launching-" + i, "sleep 1000; true"));
        launching.stop(Duration.ofMillis(300));
        StepHandle ending = executor.launch(shell("ending-" + i, "true"));
        ending.started().get(10, TimeUnit.SECONDS);
        ending.stop(Duration.ofMillis(300));
        assertThat(launching.exit().get(20, TimeUnit.SECONDS).exitCode())
            .as("step stopped as it was launched, round %d", i)
            .isIn(137, 143);
        assertThat(ending.exit().get(20, TimeUnit.SECONDS).exitCode())
            .as("step stopped as it ended, round %d", i)
            .isIn(0, 137, 143);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LocalLauncher.class)
  void aMissingProgramIsALaunchErrorNamingIt(LocalLauncher launcher) throws Exception {
    try (LocalExecutor executor = new LocalExecutor(launcher)) {
      ExitStatus status = run(executor, shell("m", "no-such-program-xyz --flag"));
      assertThat(status.launched()).isFalse();
      assertThat(status.launchError()).contains("no-such-program-xyz", "not found");
    }
  }

  @Test
  void theLauncherIsChosenByNameAndAMisspeltOneIsRefused() {
    String before = System.getProperty("baton.launcher");
    try {
      System.clearProperty("baton.launcher");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.READY_SHELLS);
      System.setProperty("baton.launcher", "spawn");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.SPAWN);
      System.setProperty("baton.launcher", "job-shell");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.JOB_SHELL);
      System.setProperty("baton.launcher", "SETSID");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.SETSID);
      System.setProperty("baton.launcher", "spwan");
      assertThatThrownBy(LocalLauncher::configured)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(
              "unknown launcher 'spwan' in the Java system property baton.launcher")
          .hasMessageContaining("spawn, job-shell or setsid");
    } finally {
      if (before == null) {
        System.clearProperty("baton.launcher");
      } else {
        System.setProperty("baton.launcher", before);
      }
    }
    // A fallback is said, never taken silently.
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.SPAWN)) {
      assertThat(executor.notice().isPresent()).isEqualTo(!Libc.available());
      executor.notice().ifPresent(n -> assertThat(n).contains("job shell", Libc.PROBLEM));
    }
  }

  @Test
  void aLogThatCannotBeOpenedIsALaunchErrorNamingIt() throws Exception {
    RequiredTool.require(Libc.available(), "posix_spawn cannot be bound here: " + Libc.PROBLEM);
    StepLaunch launch = shell("nolog", "true");
    Files.createDirectories(launch.log()); // a directory where the log file should be
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.SPAWN)) {
      ExitStatus status = run(executor, launch);
      assertThat(status.launched()).isFalse();
      assertThat(status.launchError()).contains(launch.log().toString(), "Is a directory");
    }
  }

  private StepLaunch shell(String id, String script) {
    return TestLaunches.shell(id, script, ANY, dir);
  }

  private StepLaunch argv(String id, String... args) {
    return TestLaunches.launch(
        id,
        new Command.Argv(List.of(args)),
        ANY,
        Map.of(),
        Map.of("PATH", System.getenv("PATH")),
        dir,
        Optional.empty());
  }

  private static ExitStatus run(LocalExecutor executor, StepLaunch launch) throws Exception {
    return executor.launch(launch).exit().get(30, TimeUnit.SECONDS);
  }
}
