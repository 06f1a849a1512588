package dev.baton.examples.tabular;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Times batch inference of the ONNX model and prints one {@code ::latency_ms N} line per batch, the
 * form Baton's benchmark step reads.
 *
 * <p>Usage: {@code Bench <model.onnx> <batchSize> <batches>}.
 */
public final class Bench {
  private static final int IN_PROCESS_WARMUP = 20;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    int batchSize = Integer.parseInt(args[1]);
    int batches = Integer.parseInt(args[2]);
    try (OnnxScorer scorer = new OnnxScorer(Path.of(args[0]))) {
      float[] rows = new float[batchSize * scorer.width()];
      Random random = new Random(3);
      for (int i = 0; i < rows.length; i++) {
        rows[i] = (float) random.nextGaussian();
      }
      // Each run is a fresh JVM: let the JIT and ONNX Runtime settle before timing.
      for (int i = 0; i < IN_PROCESS_WARMUP; i++) {
        scorer.score(rows, batchSize);
      }
      for (int i = 0; i < batches; i++) {
        long start = System.nanoTime();
        scorer.score(rows, batchSize);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "::latency_ms %.4f%n", ms);
      }
    }
  }
}
