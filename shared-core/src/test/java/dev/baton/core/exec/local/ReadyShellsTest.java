package dev.baton.core.exec.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.descriptor.AgentRequest;
import dev.baton.core.descriptor.Command;
import dev.baton.core.exec.ExitStatus;
import dev.baton.core.exec.StepHandle;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.TestLaunches;
import dev.baton.core.testing.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step started in a ready shell cannot tell it from one started by its own {@code posix_spawn}:
 * the same environment, shell state, messages, exit codes and process group; and no ready shell is
 * left once the executor is closed.
 */
@Timeout(120)
class ReadyShellsTest {
  private static final AgentRequest ANY =
      new AgentRequest("", 0, OptionalLong.empty(), "", 0, OptionalLong.empty());
  // What a step can see of its shell and environment; `set` shows unexported variables too.
  private static final String PROBE =
      "env -0 > env.out; set > set.out; echo \"[$-] [$0] [$#] [$?] [$PWD] [${OLDPWD-unset}]\";"
          + " umask; pwd; pwd -P; trap; read x || echo stdin-at-eof; no-such-command-xyz\n"
          + "echo second line; also-not-a-command-xyz; exit 3";

  @TempDir Path dir;
  private Path work;

  @BeforeEach
  void workThroughASymlink() throws Exception {
    RequiredTool.require(Libc.available(), "posix_spawn cannot be bound here: " + Libc.PROBLEM);
    Path real = Files.createDirectory(dir.resolve("real dir"));
    work = Files.createSymbolicLink(dir.resolve("link"), real);
  }

  @Test
  void theStepSeesExactlyWhatADirectStartShowsWithAnOddInheritedNameAndALogicalPwd()
      throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BASH_FUNC_x%%", "() {  echo odd; }");
    env.put("QUOTED", "it's \"$HOME\" `id` \\");
    env.put("PWD", work.toString());
    env.put("OLDPWD", "/nowhere");
    env.remove("DROPPED_BY_THE_STEP");
    Map<String, String> shellEnv = new HashMap<>(env);
    shellEnv.put("DROPPED_BY_THE_STEP", "1");
    shellEnv.put("QUOTED", "before");
    shellEnv.remove("OLDPWD");
    assertSameAsDirect(env, shellEnv, "logical");
  }

  @Test
  void withoutAnInheritedPwdTheStepSeesThePhysicalDirectoryAsADirectStartDoes() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("PWD");
    env.remove("OLDPWD");
    Map<String, String> shellEnv = new HashMap<>(System.getenv());
    shellEnv.put("PWD", "/");
    shellEnv.put("OLDPWD", "/tmp");
    assertSameAsDirect(env, shellEnv, "physical");
  }

  private void assertSameAsDirect(Map<String, String> env, Map<String, String> shellEnv, String id)
      throws Exception {
    Result direct;
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.SPAWN)) {
      direct = run(executor, launch(id + "-direct", PROBE, env), "direct");
    }
    Result ready = runInReadyShell(launch(id + "-ready", PROBE, env), shellEnv, "ready");
    assertThat(ready.exit()).isEqualTo(direct.exit()).isEqualTo(ExitStatus.exited(3));
    assertThat(ready.envEntries()).isEqualTo(direct.envEntries()).isNotEmpty();
    assertThat(ready.set()).isEqualTo(direct.set());
    assertThat(ready.log().replace(id + "-ready", id + "-direct")).isEqualTo(direct.log());
    assertThat(ready.log())
        .contains("/bin/sh: 1: no-such-command-xyz: not found")
        .contains("/bin/sh: 2: also-not-a-command-xyz: not found")
        .contains("stdin-at-eof", "[] [/bin/sh] [0] [0]");
  }

  @Test
  void exitCodesAStepsOwnExitTrapAndExecAreKept() throws Exception {
    Map<String, String> env = System.getenv();
    assertThat(runInReadyShell(launch("a", "exit 7", env), env, "a").exit())
        .isEqualTo(ExitStatus.exited(7));
    assertThat(runInReadyShell(launch("b", "kill -9 $$", env), env, "b").exit())
        .isEqualTo(ExitStatus.exited(137));
    Result trap =
        runInReadyShell(launch("c", "trap 'echo mine; exit 4' EXIT; true", env), env, "c");
    assertThat(trap.exit()).isEqualTo(ExitStatus.exited(4));
    assertThat(trap.log()).isEqualTo("mine\n");
    Result exec = runInReadyShell(launch("d", "exec sh -c 'exit 5'", env), env, "d");
    assertThat(exec.exit()).isEqualTo(ExitStatus.exited(5));
  }

  @Test
  void aStepInAReadyShellIsItsOwnGroupAndAStopEndsAllOfIt() throws Exception {
    Path pids = dir.resolve("pids");
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      Map<String, String> env = System.getenv();
      executor.launch(launch("prime", "true", env)).exit().get(30, TimeUnit.SECONDS);
      shells.awaitReady();
      List<Integer> ready = shells.readyPids();
      StepHandle handle =
          executor.launch(
              launch(
                  "slow",
                  "trap '' TERM; sleep 1000 & echo $! > '" + pids + "'; sleep 1000 & wait",
                  env));
      assertThat(ready).contains((int) handle.processGroup());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!(Files.exists(pids) && Files.size(pids) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long child = Long.parseLong(Files.readString(pids).strip());
      assertThat(ProcessHandle.of(child).orElseThrow().info().command()).isPresent();
      handle.stop(Duration.ofMillis(300));
      assertThat(handle.exit().get(20, TimeUnit.SECONDS).exitCode()).isIn(137, 143);
      while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void closingTheExecutorEndsAndReapsEveryUnusedReadyShell() throws Exception {
    List<Integer> ready;
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      executor.launch(launch("prime", "true", System.getenv())).exit().get(30, TimeUnit.SECONDS);
      shells.awaitReady();
      ready = shells.readyPids();
      assertThat(ready).isNotEmpty();
      for (int pid : ready) {
        // Exec'd and waiting for its script: dash, not a step, with no output anywhere.
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      }
    }
    // Reaped, not a zombie: the pid no longer names a process of ours.
    for (int pid : ready) {
      assertThat(ProcessHandle.of(pid).filter(p -> p.parent().isPresent()).isPresent())
          .as("ready shell %d after close", pid)
          .isFalse();
    }
  }

  @Test
  void aStepWithAnEnvironmentAShellCannotSetStartsDirectlyTheSame() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("IFS", ":"); // dash sets its own IFS at start-up
    env.put("WITH_NEWLINE", "a\nb"); // would shift the step's line numbers
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      executor.launch(launch("prime", "true", System.getenv())).exit().get(30, TimeUnit.SECONDS);
      shells.awaitReady();
      List<Integer> ready = shells.readyPids();
      StepHandle handle = executor.launch(launch("odd", "printf '%s' \"$WITH_NEWLINE\"", env));
      assertThat(ready).doesNotContain((int) handle.processGroup());
      assertThat(handle.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
      assertThat(shells.readyPids()).containsAll(ready);
    }
  }

  @Test
  void aReadyShellKilledFromOutsideIsNotUsedAndTheStepStartsDirectly() throws Exception {
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      executor.launch(launch("prime", "true", System.getenv())).exit().get(30, TimeUnit.SECONDS);
      shells.awaitReady();
      List<Integer> ready = shells.readyPids();
      for (int pid : ready) {
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      }
      for (int pid : ready) {
        // Dead once a zombie: Baton, its parent, has not reaped it yet.
        while (!Files.readString(Path.of("/proc/" + pid + "/stat")).contains(") Z ")) {
          Thread.sleep(10);
        }
      }
      StepHandle handle = executor.launch(launch("after", "exit 4", System.getenv()));
      assertThat(ready).doesNotContain((int) handle.processGroup());
      assertThat(handle.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(4));
    }
  }

  @Test
  void aStepsSecretIsNotInTheShellOfTheStepAfterIt() throws Exception {
    Map<String, String> withSecret = new HashMap<>(System.getenv());
    withSecret.put("ONLY_FOR_A", "s3cr3t-value");
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      executor.launch(launch("prime", "true", System.getenv())).exit().get(30, TimeUnit.SECONDS);
      for (String step : List.of("a", "b")) {
        shells.awaitReady();
        List<Integer> ready = shells.readyPids();
        StepLaunch launch =
            launch(
                step,
                "tr '\\0' '\\n' < /proc/$$/environ; echo ---; env",
                step.equals("a") ? withSecret : System.getenv());
        StepHandle handle = executor.launch(launch);
        assertThat(ready).contains((int) handle.processGroup());
        assertThat(handle.exit().get(30, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
        String log = Files.readString(launch.log());
        if (step.equals("a")) {
          assertThat(log.substring(log.indexOf("---"))).contains("ONLY_FOR_A=s3cr3t-value");
        } else {
          assertThat(log).doesNotContain("s3cr3t-value");
        }
      }
    }
  }

  private record Result(ExitStatus exit, TreeSet<String> envEntries, String set, String log) {}

  private StepLaunch launch(String id, String script, Map<String, String> env) {
    return TestLaunches.launch(
        id, new Command.Shell(script), ANY, Map.of(), env, work, Optional.empty());
  }

  /** Starts {@code launch} in a ready shell that was started with {@code shellEnv}, as Baton's. */
  private Result runInReadyShell(StepLaunch launch, Map<String, String> shellEnv, String name)
      throws Exception {
    try (LocalExecutor executor = new LocalExecutor(LocalLauncher.READY_SHELLS, shellEnv)) {
      ReadyShells shells = Objects.requireNonNull(executor.readyShells());
      // The first launch finds no shell ready and has one started.
      executor.launch(launch("prime-" + name, "true", shellEnv)).exit().get(30, TimeUnit.SECONDS);
      shells.awaitReady();
      List<Integer> ready = shells.readyPids();
      StepHandle handle = executor.launch(launch);
      assertThat(ready).as("started in a ready shell").contains((int) handle.processGroup());
      return collect(handle, launch, name);
    }
  }

  private Result run(LocalExecutor executor, StepLaunch launch, String name) throws Exception {
    return collect(executor.launch(launch), launch, name);
  }

  private Result collect(StepHandle handle, StepLaunch launch, String name) throws Exception {
    ExitStatus exit = handle.exit().get(30, TimeUnit.SECONDS);
    Path out = Files.createDirectories(dir.resolve(name));
    TreeSet<String> env = new TreeSet<>();
    String set = "";
    if (Files.exists(work.resolve("env.out"))) {
      Files.move(work.resolve("env.out"), out.resolve("env.out"));
      Files.move(work.resolve("set.out"), out.resolve("set.out"));
      env.addAll(
          Arrays.asList(
              Files.readString(out.resolve("env.out"), StandardCharsets.UTF_8).split("\0")));
      set = Files.readString(out.resolve("set.out"));
    }
    return new Result(exit, env, set, Files.readString(launch.log()));
  }
}
