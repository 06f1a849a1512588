package dev.baton.core.descriptor.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Makes new descriptors out of known ones: character flips, deleted and repeated slices, splices of
 * two corpus entries, tokens that YAML or Baton give meaning to, deep nesting, huge numbers, very
 * long lines, and now and then plain random text.
 */
final class DescriptorMutator {
  /** Tokens that mean something to YAML, to Baton's expressions or to a descriptor's keys. */
  static final List<String> DICTIONARY =
      List.of(
          "&a ",
          "*a",
          "&anchor {x: 1}",
          "<<: *a\n",
          "!!str ",
          "!!binary ",
          "!tag ",
          "!<x> ",
          "%YAML 1.2\n",
          "${{",
          "}}",
          "${{ params.x }}",
          "${{ steps.a.outputs.b }}",
          "${{ matrix.lr }}",
          "${{ params.a || 'b' }}",
          "${{ !(1 == 2) && x }}",
          "${{ '",
          "${{ ${{ }} }}",
          "? ",
          "- ",
          ": ",
          "{",
          "}",
          "[",
          "]",
          "'",
          "\"",
          "#",
          "|\n",
          ">-\n",
          "---\n",
          "...\n",
          "\t",
          "\u0000",
          "\uFEFF",
          "\u00e9",
          "\ud83d\ude00",
          "\ud83d",
          "\u202e",
          "\r\n",
          "\r",
          "~",
          "null",
          "true",
          "yes",
          "on",
          "1e999",
          "-0",
          "0x7fffffff",
          ".nan",
          "-.inf",
          "99999999999999999999999",
          "-9223372036854775809",
          "1.7976931348623157E309",
          "needs: [",
          "needs: ",
          "matrix:\n",
          "retry: ",
          "timeout: ",
          "when: ",
          "gpus: ",
          "agents:\n",
          "stage: ",
          "params:\n",
          "env:\n",
          "defaults:\n",
          "run: ",
          "outputs: ",
          "executor: ",
          "version: ",
          "name: ",
          "steps:\n",
          "attempts: ",
          "backoff: ",
          "labels: ",
          "memory: ",
          "cpus: ",
          "allow-failure: ",
          "concurrency: ",
          "gates:\n",
          "deploy:\n",
          " || ",
          " && ",
          "==",
          "!=",
          "(",
          ")",
          "\\",
          "\\u0000",
          "1h2m",
          "0s",
          "-5s",
          "P1D",
          "999999999h",
          "16Gi",
          "1Ei",
          "-1",
          // Typed parameters, the run's timeout and expression functions.
          "type: ",
          "type: int",
          "type: choice",
          "type: integer",
          "choices: ",
          "choices: []",
          "min: ",
          "max: -1e999",
          "default: ",
          "{type: number, default: 1e9999, min: 0}",
          "{type: bool, default: maybe}",
          "timeout: 3s\n",
          "${{ fromJSON('[[[[[[') }}",
          "${{ format('{0}{1', params.x) }}",
          "${{ contains(join(matrix.lr), toJSON(params.x)) }}",
          "${{ startsWith() }}",
          "${{ cotains(a, b) }}",
          "fromJSON(",
          "format('{{{0}}}', ",
          // Status functions: valid in a step's when only.
          "when: ${{ failure() }}",
          "when: always()",
          "${{ cancelled() }}",
          "${{ success(1) }}",
          "${{ !failure() && needs.a.result == 'failure' }}",
          "failuer()",
          "always(",
          // Dynamic fan-out and needs on part of a matrix.
          "\"${{ fromJSON(needs.split.outputs.shards) }}\"",
          "${{ fromJSON(needs.a.outputs.x) }}",
          "maxCells: ",
          "maxCells: 0",
          "maxCells: 99999999999",
          "[\"train[lr=0.1]\"]",
          "train[",
          "train[lr=",
          "train[=]",
          "{step: train, matrix: {model: large}}",
          "{step: , matrix: {}}",
          "needs.a.cells.0.matrix",
          "needs.a.outputs.x.1");

  private final Random random;
  private final List<String> corpus;

  DescriptorMutator(Random random, List<String> corpus) {
    this.random = random;
    this.corpus = corpus;
  }

  /** One new input: a corpus entry with one to four mutations, or (rarely) random text. */
  String next() {
    if (random.nextInt(50) == 0) {
      return randomText(random.nextInt(400));
    }
    String s = pick();
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      s = mutate(s);
    }
    return s;
  }

  private String mutate(String s) {
    return switch (random.nextInt(11)) {
      case 0 -> flip(s);
      case 1 -> delete(s);
      case 2 -> repeatSlice(s);
      case 3 -> splice(s, pick());
      case 4, 5 -> insert(s, DICTIONARY.get(random.nextInt(DICTIONARY.size())));
      case 6 -> reindent(s);
      case 7 -> insert(s, nesting());
      case 8 -> insert(s, longLine());
      case 9 -> swapLines(s);
      default -> insert(s, String.valueOf(random.nextLong()) + "0".repeat(random.nextInt(30)));
    };
  }

  private String pick() {
    return corpus.get(random.nextInt(corpus.size()));
  }

  private int position(String s) {
    return s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
  }

  private String flip(String s) {
    if (s.isEmpty()) {
      return randomText(1);
    }
    int at = random.nextInt(s.length());
    return s.substring(0, at) + randomChar() + s.substring(at + 1);
  }

  private String delete(String s) {
    int from = position(s);
    int to = Math.min(s.length(), from + random.nextInt(40));
    return s.substring(0, from) + s.substring(to);
  }

  private String repeatSlice(String s) {
    int from = position(s);
    int to = Math.min(s.length(), from + random.nextInt(120));
    String slice = s.substring(from, to);
    return s.substring(0, to) + slice.repeat(1 + random.nextInt(3)) + s.substring(to);
  }

  /** The start of {@code a} up to a line break, then the rest of {@code b} from a line break. */
  private String splice(String a, String b) {
    int cut = a.lastIndexOf('\n', position(a) - 1);
    int from = b.indexOf('\n', position(b));
    return a.substring(0, Math.max(cut + 1, 0)) + (from < 0 ? "" : b.substring(from + 1));
  }

  private String insert(String s, String token) {
    int at = position(s);
    return s.substring(0, at) + token + s.substring(at);
  }

  private String reindent(String s) {
    String[] lines = s.split("\n", -1);
    int i = random.nextInt(lines.length);
    String indent = random.nextBoolean() ? " ".repeat(random.nextInt(9)) : "\t";
    lines[i] = indent + lines[i].stripLeading();
    return String.join("\n", lines);
  }

  private String swapLines(String s) {
    String[] lines = s.split("\n", -1);
    int i = random.nextInt(lines.length);
    int j = random.nextInt(lines.length);
    String t = lines[i];
    lines[i] = lines[j];
    lines[j] = t;
    return String.join("\n", lines);
  }

  private String nesting() {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 2000);
    return switch (random.nextInt(4)) {
      case 0 -> "[".repeat(depth) + "]".repeat(random.nextInt(depth + 1));
      case 1 -> "{a: ".repeat(depth) + "}".repeat(random.nextInt(depth + 1));
      case 2 -> "\n" + nestedBlock(Math.min(depth, 200));
      default -> "${{ " + "(".repeat(depth) + "1" + ")".repeat(random.nextInt(depth + 1)) + " }}";
    };
  }

  private static String nestedBlock(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    return sb.toString();
  }

  private String longLine() {
    String unit = DICTIONARY.get(random.nextInt(DICTIONARY.size()));
    return unit.repeat(1 + random.nextInt(20_000 / Math.max(1, unit.length())));
  }

  private String randomText(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(randomChar());
    }
    return sb.toString();
  }

  private char randomChar() {
    String meaningful = ":-[]{}&*!|>'\"%@`#,?\n\t ${}()=<>.~\\";
    return switch (random.nextInt(4)) {
      case 0 -> meaningful.charAt(random.nextInt(meaningful.length()));
      case 1 -> (char) random.nextInt(0x10000);
      default -> (char) (0x20 + random.nextInt(0x5f));
    };
  }
}
