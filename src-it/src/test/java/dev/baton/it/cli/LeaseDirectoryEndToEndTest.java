package dev.baton.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lease directory that cannot be used stops a run before it writes anything. */
class LeaseDirectoryEndToEndTest {
  @TempDir Path tmp;

  @Test
  void aLeaseDirectoryThatIsAFileIsRefusedBeforeTheRunWritesAnything() throws Exception {
    Path notADirectory = Files.writeString(tmp.resolve("leases"), "");
    Files.writeString(
        tmp.resolve("baton.yaml"),
        """
        version: 1
        name: leases
        agents: [{name: box, gpus: 1, simulated: true}]
        steps:
          train: {agent: {gpus: 1}, run: 'touch ran.txt'}
        """);

    CliRun p =
        CliRun.run(tmp, Map.of("BATON_LEASE_DIR", notADirectory.toString()), "run", "baton.yaml");

    assertThat(p.exitCode).as(p.toString()).isEqualTo(3);
    assertThat(p.output)
        .contains("the lease directory " + notADirectory + " is a file, not a directory")
        .contains("point BATON_LEASE_DIR at a directory")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("ran.txt")).doesNotExist();
    assertThat(tmp.resolve(".baton/runs")).doesNotExist();
  }
}
