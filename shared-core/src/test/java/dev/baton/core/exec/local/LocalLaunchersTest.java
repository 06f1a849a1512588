package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.UsageException;
import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
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
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
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
      System.setProperty("baton.launcher", "job-shell");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.JOB_SHELL);
      System.setProperty("baton.launcher", "SETSID");
      assertThat(LocalLauncher.configured()).isEqualTo(LocalLauncher.SETSID);
      System.setProperty("baton.launcher", "spwan");
      Assertions.assertThatThrownBy(LocalLauncher::configured)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("-Dbaton.launcher=spwan")
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
