package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real baton process starting steps in ready shells ({@code /bin/sh -s} spawned ahead of need),
 * killed with SIGKILL in the middle of a chain: its unused ready shells read end-of-file and exit,
 * none runs anything, and {@code --resume} finishes the run as it does without them.
 */
class ReadyShellsEndToEndTest {
  private static final String READY = "-Dbaton.launcher=ready-shells";
  @TempDir Path tmp;

  @Test
  void unusedReadyShellsExitWhenBatonIsKilledAndTheResumeFinishesTheRun() throws Exception {
    Path dir = ResumableChain.create(tmp.resolve("killed"));
    Running run = startUntilS4(dir);
    Process baton = run.baton();
    long s4 = run.s4();
    // Another ready shell waits for the next step.
    ResumableChain.await("a ready shell waits for s5", () -> readyShellsIn(dir).size() > 1);
    List<Long> unused = new ArrayList<>(readyShellsIn(dir));
    unused.remove(s4);

    baton.destroyForcibly().waitFor(); // SIGKILL: the pipes' write ends close with it

    ResumableChain.await(
        "the unused ready shells exited",
        () -> unused.stream().noneMatch(ReadyShellsEndToEndTest::running));
    assertThat(running(s4)).as("the step s4 keeps running").isTrue();
    assertThat(ResumableChain.counter(dir)).hasSize(3);

    CliRun resumed = resume(dir);

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 left running (stopped, to run again)");
    assertThat(running(s4)).isFalse();
    assertThat(ResumableChain.counter(dir).stream().map(l -> l.split(" ")[1]))
        .containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
    // The resumed run ended its own ready shells before it exited.
    assertThat(readyShellsIn(dir)).isEmpty();
  }

  @Test
  void aStepInAReadyShellThatEndsWhileBatonIsDownIsTakenFromItsExitFile() throws Exception {
    Path dir = ResumableChain.create(tmp.resolve("finished-while-down"));
    startUntilS4(dir).baton().destroyForcibly().waitFor();

    Files.writeString(dir.resolve("go4"), "");
    Path exitFile = dir.resolve(".baton/runs/latest/logs/s4.attempt-1.exit");
    ResumableChain.await("s4 recorded its exit code", () -> Files.exists(exitFile));
    assertThat(Files.readString(exitFile)).isEqualTo("0\n");

    CliRun resumed = resume(dir);

    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(resumed.output).contains("1 finished while Baton was down");
    assertThat(ResumableChain.counter(dir)).hasSize(6);
  }

  private record Running(Process baton, long s4) {}

  /**
   * Starts the chain and waits until its step s4 runs in a shell that was ready before it was
   * needed. s3 is held until a shell stands ready for s4: without that, a step that ends before the
   * pool has made its replacement ready starts the next one directly (a miss, on a busy machine).
   */
  private static Running startUntilS4(Path dir) throws Exception {
    Path yaml = dir.resolve("baton.yaml");
    String held = "  s3:\n    run: '";
    String text = Files.readString(yaml);
    assertThat(text).contains(held);
    Files.writeString(yaml, text.replace(held, held + "while [ ! -f go3 ]; do sleep 0.05; done; "));
    Process baton = start(dir, "run", "baton.yaml");
    Path journal = dir.resolve(".baton/runs/latest/journal.jsonl");
    ResumableChain.await("s3 started", () -> ResumableChain.attemptStarted(dir, "s3"));
    long s3 = ProcessGroupScan.recordedGroups(journal, "s3").get(0);
    ResumableChain.await(
        "a shell ready for s4", () -> readyShellsIn(dir).stream().anyMatch(p -> p != s3));
    List<Long> ready = new ArrayList<>(readyShellsIn(dir));
    ready.remove(s3);
    Files.writeString(dir.resolve("go3"), "");
    ResumableChain.await("s4 started", () -> ResumableChain.s4Running(dir));
    long s4 = ProcessGroupScan.recordedGroups(journal, "s4").get(0);
    assertThat(ready).as("the shells ready before s4 started").contains(s4);
    return new Running(baton, s4);
  }

  private static Process start(Path dir, String... args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(CliRun.command(args))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("console-1.txt").toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", READY);
    return pb.start();
  }

  private static CliRun resume(Path dir) throws Exception {
    return CliRun.run(
        dir, Map.of("JAVA_TOOL_OPTIONS", READY), "run", "baton.yaml", "--resume", "latest");
  }

  /** Live (not zombie) processes running {@code /bin/sh -s} in {@code dir}: ready shells. */
  private static List<Long> readyShellsIn(Path dir) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.equals("/bin/sh\0-s\0")
              && Files.isSameFile(proc.resolve("cwd"), dir)
              && running(Long.parseLong(name))) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException | RuntimeException e) {
          // gone meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return found;
  }

  /** Whether {@code pid} is a process that has not exited (a zombie has). */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
