package dev.baton.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The large descriptors of issue 17's "plan at scale" rows, generated the same way every run. */
final class ScaleDags {
  private ScaleDags() {}

  /**
   * {@code n} steps in {@code layers} layers of equal size; each step past the first layer needs
   * {@code needs} distinct random steps of the layer before (fixed seed, so every run plans the
   * same DAG).
   */
  static Path layered(Path dir, int n, int layers, int needs) throws IOException {
    Random random = new Random(17);
    int perLayer = n / layers;
    StringBuilder yaml = new StringBuilder("version: 1\nname: dag-" + n + "\nsteps:\n");
    for (int i = 0; i < n; i++) {
      int layer = i / perLayer;
      yaml.append("  s").append(i).append(": {run: 'true'");
      if (layer > 0) {
        yaml.append(", needs: [");
        int first = -1;
        for (int k = 0; k < needs; k++) {
          int need;
          do {
            need = (layer - 1) * perLayer + random.nextInt(perLayer);
          } while (need == first);
          first = k == 0 ? need : first;
          yaml.append(k > 0 ? ", " : "").append('s').append(need);
        }
        yaml.append(']');
      }
      yaml.append("}\n");
    }
    return write(dir, yaml);
  }

  /**
   * One matrix step of {@code a} × {@code b} cells, each running {@code true} with its own values,
   * and one step that needs them all (the fan-in).
   */
  static Path matrix(Path dir, int a, int b) throws IOException {
    StringBuilder yaml =
        new StringBuilder("version: 1\nname: matrix-" + (a * b) + "\nsteps:\n  cell:\n");
    yaml.append("    matrix:\n      a: [").append(values(a)).append("]\n");
    yaml.append("      b: [").append(values(b)).append("]\n");
    yaml.append("    run: 'true ${{ matrix.a }}-${{ matrix.b }}'\n");
    yaml.append("  fanin:\n    needs: [cell]\n    run: 'true'\n");
    return write(dir, yaml);
  }

  /**
   * make's floor for {@link #matrix}: a Makefile of {@code cells} targets, each running {@code
   * true} with its own values, and one target that needs them all (the default goal).
   */
  static Path matrixMakefile(Path dir, int cells) throws IOException {
    StringBuilder mk = new StringBuilder("fanin:");
    for (int i = 0; i < cells; i++) {
      mk.append(" c").append(i);
    }
    mk.append("\n\t@true\n");
    for (int i = 0; i < cells; i++) {
      mk.append('c').append(i).append(":\n\t@true ").append(i / 100).append('-').append(i % 100);
      mk.append('\n');
    }
    mk.append(".PHONY: fanin");
    for (int i = 0; i < cells; i++) {
      mk.append(" c").append(i);
    }
    mk.append('\n');
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Makefile"), mk);
    return dir;
  }

  private static String values(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(i);
    }
    return sb.toString();
  }

  private static Path write(Path dir, CharSequence yaml) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("baton.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
