package dev.baton.core.descriptor.fuzz;

import dev.baton.core.descriptor.yaml.YamlTreeReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs at the edges the mutator reaches only by luck: nesting far past every limit, step graphs
 * as deep as a file allows (long chains, long cycles), matrices whose product explodes, and files
 * at and just past the size limit. Each must plan or fail with located descriptor errors, fast.
 */
final class ExtremeInputs {
  private static final String HEAD = "version: 1\nname: extreme\nsteps:\n";
  private static final int LIMIT = YamlTreeReader.MAX_BYTES;

  private ExtremeInputs() {}

  static List<String> all() {
    List<String> all = new ArrayList<>();
    // Deep nesting: flow, block and expression, closed and left open.
    all.add(HEAD + "  a: " + "[".repeat(100_000));
    all.add(HEAD + "  a: " + "[".repeat(5_000) + "]".repeat(5_000));
    all.add(HEAD + "  a: " + "{a: ".repeat(10_000) + "}".repeat(10_000));
    all.add(HEAD + "  a:\n" + nestedBlock(500));
    all.add(
        HEAD + "  a: {run: 'echo ${{ " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " }}'}\n");
    all.add(HEAD + "  a: {run: 'true', when: '" + "!".repeat(100_000) + "true'}\n");
    // Deep step graphs: a recursion per step overflows a thread's stack well before 5,000
    // (LongChainTest goes to 100,000 without the files around them).
    all.add(chain(5_000, false));
    all.add(chain(5_000, true));
    // Matrices whose cross product explodes from a few lines.
    all.add(HEAD + "  a:\n    run: 'true'\n    matrix:\n" + axes(3, 100));
    all.add(HEAD + "  a:\n    run: 'true'\n    matrix:\n" + axes(40, 2));
    all.add(HEAD + "  a:\n    run: 'true'\n    matrix:\n" + axes(2, 400));
    // Huge: right at the limit, one character past it, enormous values, thousands of keys.
    String small = HEAD + "  a: {run: 'true'}\n";
    String line = "#" + "x".repeat(98) + "\n";
    String full = small + line.repeat((LIMIT - small.length()) / line.length());
    all.add(full + "#".repeat(LIMIT - full.length() - 1) + "\n");
    all.add(full + "#".repeat(LIMIT - full.length() + 1));
    // One value of 4 MiB: SnakeYAML's reader took over a minute on it (quadratic in a token's
    // length); WholeTextStreamReader reads it in linear time. And a flow list past the value bound.
    all.add(HEAD + "  a: {run: 'echo " + "y".repeat(4 << 20) + "'}\n");
    all.add(HEAD + "  a: {run: 'true', env: {" + "k".repeat(1 << 20) + ": v}}\n");
    all.add(HEAD + "  a: {run: [" + "x,".repeat(YamlTreeReader.MAX_VALUES) + "x]}\n");
    all.add(HEAD + "  a: {run: 'true', needs: [" + "*a, ".repeat(5_000) + "]}\n");
    all.add(HEAD + "  a: {run: 'true', env: {" + "K: v, ".repeat(20_000) + "}}\n");
    all.add(HEAD + "  a: {run: 'true', needs: [" + "a, ".repeat(20_000) + "]}\n");
    return all;
  }

  private static String nestedBlock(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("  ".repeat(i + 2)).append('k').append(i).append(":\n");
    }
    return sb.toString();
  }

  /** Steps s0 … s{n-1}, each needing the one before; closed: s0 needs the last. */
  private static String chain(int n, boolean closed) {
    StringBuilder sb = new StringBuilder(HEAD);
    for (int i = 0; i < n; i++) {
      sb.append("  s").append(i).append(": {run: 'true'");
      if (i > 0 || closed) {
        sb.append(", needs: [s").append(i > 0 ? i - 1 : n - 1).append(']');
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  private static String axes(int count, int values) {
    StringBuilder sb = new StringBuilder();
    for (int a = 0; a < count; a++) {
      sb.append("      x").append(a).append(": [");
      for (int v = 0; v < values; v++) {
        sb.append(v == 0 ? "" : ", ").append(v);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }
}
