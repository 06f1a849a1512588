package dev.baton.examples.tabular;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Trains a logistic-regression classifier with Tribuo and saves it twice: as a Tribuo model (for
 * evaluation) and as ONNX (for serving and benchmarks).
 *
 * <p>Usage: {@code Train <good|poor> <dataDir>}. {@code poor} shuffles column f0 of the training
 * data first, the kind of damage a broken feature join does, so the model loses its best feature.
 */
public final class Train {
  // Held in a field so the setting outlives garbage collection of the logger.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private Train() {}

  public static void main(String[] args) throws IOException {
    TRIBUO_LOG.setLevel(Level.WARNING); // Tribuo logs every 1000 SGD iterations otherwise
    String quality = args[0];
    Path data = Path.of(args[1]);
    Path trainCsv = data.resolve("train.csv");
    if (quality.equals("poor")) {
      trainCsv = shuffleFirstColumn(trainCsv, data.resolve("train-poor.csv"));
    } else if (!quality.equals("good")) {
      System.err.println("quality '" + quality + "' is unknown, use good or poor");
      System.exit(2);
    }
    var source = new CSVLoader<>(new LabelFactory()).loadDataSource(trainCsv, "label");
    var dataset = new MutableDataset<>(source);
    var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5), 10, 42L);
    Model<Label> model = trainer.train(dataset);

    model.serializeToFile(data.resolve("model.tribuo"));
    Path onnx = data.resolve("model.onnx");
    ((ONNXExportable) model).saveONNXModel("dev.baton.examples.tabular", 1, onnx);
    ModelCard.write(model, ModelCard.besides(onnx));
    System.out.printf(
        "trained on %d rows (quality=%s); wrote %s and %s%n",
        dataset.size(), quality, data.resolve("model.tribuo"), onnx);
  }

  private static Path shuffleFirstColumn(Path in, Path out) throws IOException {
    List<String> lines = Files.readAllLines(in);
    List<String> firstColumn = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      firstColumn.add(line.substring(0, line.indexOf(',')));
    }
    Collections.shuffle(firstColumn, new Random(1));
    List<String> shuffled = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      shuffled.add(firstColumn.get(i - 1) + line.substring(line.indexOf(',')));
    }
    Files.write(out, shuffled);
    return out;
  }
}
