package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.StepState;
import dev.baton.core.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that fills the file system its log is on fails with its error message lost (the kernel
 * cannot append it to the log either): the step's message says Baton could not write the log.
 */
class FullDiskTest {
  @TempDir Path tmp;

  @Test
  void aStepThatFailsOnAFullDiskSaysItsLogCouldNotBeWritten() throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("small"));
    String why = mountSmallTmpfs(ws);
    // The same mechanism is covered without a mount by LogWriteCheckTest.
    RequiredTool.cannotRunHere(
        why == null, "cannot mount a small tmpfs here (" + why + "); LogWriteCheckTest covers it");
    try {
      PipelineFixture f =
          new PipelineFixture(
              ws,
              "version: 1\nname: full\nsteps:\n"
                  + "  fill: {run: 'dd if=/dev/zero of=fill bs=64k; exit 1'}\n");
      List<RunEvent> events = new CopyOnWriteArrayList<>();
      try {
        new Baton(events::add).run(f.config());
      } catch (RuntimeException reportsCannotBeWritten) {
        // The report directory is on the full file system too; the step's end was reported.
      }
      RunEvent.StepFinished fill =
          events.stream()
              .filter(e -> e instanceof RunEvent.StepFinished s && s.stepId().equals("fill"))
              .map(e -> (RunEvent.StepFinished) e)
              .findFirst()
              .orElseThrow();
      assertThat(fill.state()).isEqualTo(StepState.FAILED);
      assertThat(fill.message())
          .startsWith("exit code 1; Baton cannot write the step's log")
          .contains("No space left on device");
    } finally {
      new ProcessBuilder("umount", "-l", ws.toString()).inheritIO().start().waitFor();
    }
  }

  /** Null once mounted; else why not. */
  private static String mountSmallTmpfs(Path at) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not root";
    }
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", at.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    return p.waitFor() == 0 ? null : "mount: " + out;
  }
}
