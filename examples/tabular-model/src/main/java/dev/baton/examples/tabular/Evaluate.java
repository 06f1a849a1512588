package dev.baton.examples.tabular;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.data.csv.CSVLoader;

/**
 * Scores the trained model on the held-out test.csv and writes accuracy and AUC to a metrics JSON
 * file for Baton's validate gates.
 *
 * <p>Usage: {@code Evaluate <dataDir> <metricsFile>}.
 */
public final class Evaluate {
  private Evaluate() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Path metrics = Path.of(args[1]);
    Model<Label> model =
        Model.deserializeFromFile(data.resolve("model.tribuo")).castModel(Label.class);
    var source =
        new CSVLoader<>(new LabelFactory()).loadDataSource(data.resolve("test.csv"), "label");
    var test = new MutableDataset<>(source);
    var evaluation = new LabelEvaluator().evaluate(model, test);
    String json =
        String.format(
            Locale.ROOT,
            "{\"accuracy\": %.4f, \"auc\": %.4f, \"rows\": %d}%n",
            evaluation.accuracy(),
            evaluation.AUCROC(new Label("1")),
            test.size());
    Files.writeString(metrics, json);
    System.out.print(json);
  }
}
