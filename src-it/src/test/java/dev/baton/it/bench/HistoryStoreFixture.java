package dev.baton.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A history store of many runs made from real ones: the quickstart (with its files declared and a
 * metric gate) run a few times by the Baton CLI, then each real run.json copied under a new id,
 * shifted in time by an hour per copy, with its gate metric moved, and the copies imported with
 * {@code baton history import}. No record is written by hand: every copy has the schema the CLI
 * wrote.
 */
final class HistoryStoreFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");

  private HistoryStoreFixture() {}

  /** The quickstart with declared files and a gate, in {@code dir}, as a git repository. */
  static void quickstart(Path repo, Path dir) throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    try (Stream<Path> files = Files.list(repo.resolve("examples/quickstart/scripts"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, scripts.resolve(f.getFileName()));
      }
    }
    Files.copy(
        repo.resolve(
            "shared-core/src/test/resources/dev/baton/core/history/quickstart-lineage.yaml"),
        dir.resolve("baton.yaml"));
    for (List<String> git :
        List.of(
            List.of("git", "init", "-q"),
            List.of("git", "add", "-A"),
            List.of("git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "q"))) {
      new ProcessBuilder(git).directory(dir.toFile()).inheritIO().start().waitFor();
    }
  }

  /**
   * Writes {@code count} run directories under {@code out}, each a copy of one of the real runs in
   * {@code runs} (taken in turn) with id {@code bench-NNNN}, its times moved to one hour after the
   * previous copy, and its gate metrics set to a slow wave.
   */
  static void copies(List<Path> runs, Path out, int count) throws Exception {
    List<JsonNode> real = new ArrayList<>();
    for (Path r : runs) {
      real.add(JSON.readTree(r.resolve("run.json").toFile()));
    }
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      ObjectNode run = real.get(i % real.size()).deepCopy();
      Instant started = Instant.parse(run.get("startedAt").asText());
      Duration shift = Duration.between(started, base.plus(Duration.ofHours(i)));
      shiftTimes(run, shift);
      run.put("runId", String.format("bench-%04d", i));
      double metric = Math.round((0.85 + 0.1 * Math.sin(i / 40.0)) * 10_000) / 10_000.0;
      for (JsonNode step : run.get("steps")) {
        JsonNode results = step.get("results");
        if (results != null && results.has("gates")) {
          Iterator<Map.Entry<String, JsonNode>> m = results.get("metrics").fields();
          m.forEachRemaining(e -> ((ObjectNode) results.get("metrics")).put(e.getKey(), metric));
          for (JsonNode gate : results.get("gates")) {
            ((ObjectNode) gate).put("value", metric);
          }
        }
      }
      Path dir = Files.createDirectories(out.resolve(String.format("bench-%04d", i)));
      JSON.writeValue(dir.resolve("run.json").toFile(), run);
    }
  }

  /** Moves every instant in the record (run, steps, attempts) by {@code shift}. */
  private static void shiftTimes(JsonNode node, Duration shift) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = o.get(name);
        if (v.isTextual() && INSTANT.matcher(v.asText()).matches()) {
          o.set(name, new TextNode(Instant.parse(v.asText()).plus(shift).toString()));
        } else {
          shiftTimes(v, shift);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> shiftTimes(child, shift));
    }
  }
}
