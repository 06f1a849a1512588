package dev.baton.examples.tabular;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.tribuo.Model;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;

/**
 * What an ONNX consumer must know about the exported model: the order of its input features and
 * which output column is the positive class. Stored as a properties file next to the ONNX file:
 * {@code model.onnx} has {@code model.card}.
 */
public record ModelCard(List<String> features, int positiveColumn) {
  /** The card file that belongs to an ONNX file. */
  public static Path besides(Path onnx) {
    String name = onnx.getFileName().toString();
    return onnx.resolveSibling(name.substring(0, name.length() - ".onnx".length()) + ".card");
  }

  static void write(Model<Label> model, Path file) throws IOException {
    List<String> features = new ArrayList<>();
    for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
      VariableInfo info = model.getFeatureIDMap().get(id);
      features.add(info.getName());
    }
    Properties card = new Properties();
    card.setProperty("features", String.join(",", features));
    card.setProperty("positiveColumn", "" + model.getOutputIDInfo().getID(new Label("1")));
    try (var out = Files.newBufferedWriter(file)) {
      card.store(out, "input feature order and positive output column of model.onnx");
    }
  }

  /** Reads the card written next to an ONNX model. */
  public static ModelCard read(Path file) throws IOException {
    Properties card = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      card.load(in);
    }
    return new ModelCard(
        List.of(card.getProperty("features").split(",")),
        Integer.parseInt(card.getProperty("positiveColumn")));
  }
}
