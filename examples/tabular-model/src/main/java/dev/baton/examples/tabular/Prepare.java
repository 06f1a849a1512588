package dev.baton.examples.tabular;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic tabular data set (public domain by construction): six standard-normal features
 * and a binary label drawn from a logistic rule, split into train.csv and test.csv.
 *
 * <p>Usage: {@code Prepare <rows> <seed> <outDir>}.
 */
public final class Prepare {
  /** The true weights of f0..f5: f0 carries most of the signal, f5 none. */
  static final double[] WEIGHTS = {2.5, 1.2, -1.0, 0.6, 0.3, 0.0};

  static final String HEADER = "f0,f1,f2,f3,f4,f5,label";

  private Prepare() {}

  public static void main(String[] args) throws IOException {
    int rows = Integer.parseInt(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    int testRows = rows / 5;
    try (PrintWriter train = new PrintWriter(Files.newBufferedWriter(out.resolve("train.csv")));
        PrintWriter test = new PrintWriter(Files.newBufferedWriter(out.resolve("test.csv")))) {
      train.println(HEADER);
      test.println(HEADER);
      for (int row = 0; row < rows; row++) {
        (row < testRows ? test : train).println(sampleRow(random));
      }
    }
    System.out.printf("wrote %d training and %d test rows to %s%n", rows - testRows, testRows, out);
  }

  private static String sampleRow(Random random) {
    StringBuilder line = new StringBuilder();
    double logit = 0.2;
    for (double weight : WEIGHTS) {
      double x = random.nextGaussian();
      logit += weight * x;
      line.append(String.format(Locale.ROOT, "%.5f,", x));
    }
    // The label is a coin flip weighted by the logistic rule, so no model can be perfect.
    boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit));
    return line.append(positive ? "1" : "0").toString();
  }
}
