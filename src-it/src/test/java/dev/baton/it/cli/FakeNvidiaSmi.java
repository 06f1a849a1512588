package dev.baton.it.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The four-GPU fake {@code nvidia-smi} of shared-core's test resources, on a PATH of its own. */
final class FakeNvidiaSmi {
  private FakeNvidiaSmi() {}

  /** Copies the fake into {@code dir/bin}; returns a PATH that finds it first. */
  static String onPath(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("nvidia-smi");
    Files.copy(
        CliRun.REPO.resolve("shared-core/src/test/resources/fake-nvidia-smi/four-gpus/nvidia-smi"),
        fake);
    if (!fake.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + fake + " executable");
    }
    return bin + ":" + System.getenv("PATH");
  }
}
