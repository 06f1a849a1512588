package dev.baton.examples.tabular;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** Scores rows with an exported model through ONNX Runtime (CPU). */
public final class OnnxScorer implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String input;
  private final ModelCard card;

  /** Opens {@code NAME.onnx} and reads the {@code NAME.card} next to it. */
  public OnnxScorer(Path onnx) throws IOException, OrtException {
    this.session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
    this.input = session.getInputNames().iterator().next();
    this.card = ModelCard.read(ModelCard.besides(onnx));
  }

  /** The number of features a row must have, in the card's order. */
  public int width() {
    return card.features().size();
  }

  /** Returns the positive-class probability of each row of a row-major batch. */
  public float[] score(float[] rows, int count) throws OrtException {
    long[] shape = {count, width()};
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), shape);
        OrtSession.Result result = session.run(java.util.Map.of(input, tensor))) {
      float[][] probabilities = (float[][]) result.get(0).getValue();
      float[] positive = new float[count];
      for (int i = 0; i < count; i++) {
        positive[i] = probabilities[i][card.positiveColumn()];
      }
      return positive;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
