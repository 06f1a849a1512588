package dev.baton.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the same DAG as a baton.yaml and as a Makefile, so the two run exactly the same work. */
final class Dags {
  private Dags() {}

  /** {@code n} independent steps running {@code true}. */
  static void independent(Path dir, int n) throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\nname: independent-" + n + "\nsteps:\n");
    StringBuilder make = new StringBuilder(".PHONY: all");
    StringBuilder all = new StringBuilder("all:");
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < n; i++) {
      yaml.append("  s").append(i).append(": {run: 'true'}\n");
      make.append(" s").append(i);
      all.append(" s").append(i);
      rules.append("s").append(i).append(":\n\t@true\n");
    }
    write(dir, yaml, make.append('\n').append(all).append('\n').append(rules));
  }

  /** A chain of {@code n} steps, each needing the one before. */
  static void chain(Path dir, int n) throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\nname: chain-" + n + "\nsteps:\n");
    StringBuilder make = new StringBuilder(".PHONY: all");
    StringBuilder rules = new StringBuilder("all: s" + (n - 1) + "\n");
    for (int i = 0; i < n; i++) {
      yaml.append("  s")
          .append(i)
          .append(": {run: 'true'")
          .append(i > 0 ? ", needs: [s" + (i - 1) + "]" : "")
          .append("}\n");
      make.append(" s").append(i);
      rules
          .append("s")
          .append(i)
          .append(":")
          .append(i > 0 ? " s" + (i - 1) : "")
          .append("\n\t@true\n");
    }
    write(dir, yaml, make.append('\n').append(rules));
  }

  /**
   * 48 steps asking for 1, 2 or 4 GPUs in turn, each sleeping 0.2 s, on two simulated 4-GPU agents.
   */
  static void gpuPacking(Path dir) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
        version: 1
        name: gpu-packing
        agents:
          - {name: node-a, labels: [gpu, a100], gpus: 4, executors: 4, simulated: true}
          - {name: node-b, labels: [gpu, a100], gpus: 4, executors: 4, simulated: true}
        steps:
        """);
    int[] sizes = {1, 2, 4};
    for (int i = 0; i < 48; i++) {
      yaml.append("  s")
          .append(i)
          .append(": {agent: {label: gpu, gpus: ")
          .append(sizes[i % 3])
          .append("}, run: sleep 0.2}\n");
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("baton.yaml"), yaml);
  }

  private static void write(Path dir, CharSequence yaml, CharSequence make) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("baton.yaml"), yaml);
    Files.writeString(dir.resolve("Makefile"), make);
  }
}
