package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExitFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pilot.sh run by the real /bin/sh on this machine, as Slurm would run it in an allocation whose
 * GPUs are 4-7: it starts requested attempts with the devices at Baton's indices, writes their exit
 * files, and passes stops on to each attempt's whole process group.
 */
class PilotScriptTest {
  @TempDir Path dir;
  private Process pilotProcess;

  @AfterEach
  void stopPilot() throws Exception {
    if (pilotProcess != null && pilotProcess.isAlive()) {
      pilotProcess.destroyForcibly().waitFor();
    }
  }

  private Pilot startPilot() throws IOException, InterruptedException {
    Path spool = Pilot.prepare(dir.resolve("slurm"), "node1");
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", spool.resolve(Pilot.SCRIPT).toString(), spool.toString());
    pb.environment().put("CUDA_VISIBLE_DEVICES", "4,5,6,7");
    pb.redirectErrorStream(true).redirectOutput(spool.resolve("pilot.log").toFile());
    pilotProcess = pb.start();
    Pilot pilot = new Pilot("42", "node1", spool);
    await(pilot::ready);
    return pilot;
  }

  @Test
  void anAttemptRunsWithTheDevicesAtBatonsIndicesAndLeavesItsExitCode() throws Exception {
    Pilot pilot = startPilot();
    Path script = dir.resolve("a.sh");
    Files.writeString(script, "echo \"gpus=$CUDA_VISIBLE_DEVICES\"\nexit 3\n");
    Path log = dir.resolve("a.log");
    String task = pilot.taskName("train[lr=0.1]", 1);

    pilot.request(task, script, log, ExitFiles.of(log, 1), List.of(1, 3));

    await(() -> ExitFiles.read(log, 1).isPresent());
    assertThat(ExitFiles.read(log, 1)).isEqualTo(OptionalInt.of(3));
    assertThat(Files.readString(log)).isEqualTo("gpus=5,7\n");
    assertThat(pilot.started(task)).isPresent();
  }

  @Test
  void aTermRequestStopsTheAttemptsWholeProcessGroup() throws Exception {
    Pilot pilot = startPilot();
    Path script = dir.resolve("b.sh");
    Path child = dir.resolve("child.pid");
    Files.writeString(script, "sleep 300 &\necho $! > '" + child + "'\nwait\n");
    Path log = dir.resolve("b.log");
    String task = pilot.taskName("slow", 1);
    pilot.request(task, script, log, ExitFiles.of(log, 1), List.of());
    await(() -> Files.exists(child) && Files.exists(pilot.spool().resolve("running/" + task)));
    long sleeper = Long.parseLong(Files.readString(child).strip());

    pilot.signal(task, "term");

    await(() -> ExitFiles.read(log, 1).isPresent());
    assertThat(ExitFiles.read(log, 1)).isEqualTo(OptionalInt.of(143));
    await(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void cancellingThePilotStopsItsAttemptsAndEndsIt() throws Exception {
    Pilot pilot = startPilot();
    Path script = dir.resolve("c.sh");
    Path child = dir.resolve("c.pid");
    Files.writeString(script, "echo $$ > '" + child + "'\nexec sleep 300\n");
    Path log = dir.resolve("c.log");
    pilot.request(pilot.taskName("c", 1), script, log, ExitFiles.of(log, 1), List.of(0));
    await(() -> Files.exists(child) && readable(child));
    long attempt = Long.parseLong(Files.readString(child).strip());

    pilotProcess.destroy(); // TERM, as scancel sends

    assertThat(pilotProcess.waitFor()).isEqualTo(143);
    await(() -> ProcessHandle.of(attempt).map(p -> !p.isAlive()).orElse(true));
  }

  private static boolean readable(Path file) {
    try {
      return !Files.readString(file).isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
