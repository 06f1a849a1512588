package dev.baton.core.history;

import dev.baton.core.history.HistoryRows.FileRow;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.SourceRecord;
import dev.baton.core.record.StepRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a file came from: the run and step whose output had its content, that run's code and
 * params, the step's inputs, and where each of those came from, back through earlier runs. A file
 * no run recorded as an output is a source (data checked in or brought from elsewhere).
 */
public final class LineageTrace {
  /** Deep enough for any real pipeline chain; a guard against a store that loops. */
  static final int MAX_DEPTH = 32;

  private LineageTrace() {}

  /**
   * One file and, when a recorded step produced it, what produced it.
   *
   * @param producer null when no run in the store wrote this content
   */
  public record Node(String path, String digest, @Nullable Producer producer) {}

  /** The step that wrote a file, with the run's code and params, and what the step read. */
  public record Producer(
      String runId,
      String stepId,
      String pipeline,
      @Nullable SourceRecord source,
      Map<String, String> params,
      Map<String, String> matrix,
      @Nullable String image,
      List<Node> inputs) {}

  public static Node trace(HistoryStore store, String path, String digest) {
    return node(store, path, digest, 0, new HashSet<>(), new LinkedHashMap<>());
  }

  private static Node node(
      HistoryStore store,
      String path,
      String digest,
      int depth,
      Set<String> onPath,
      Map<String, Optional<RunRecord>> records) {
    if (depth >= MAX_DEPTH || !onPath.add(digest)) {
      return new Node(path, digest, null);
    }
    try {
      List<FileRow> made = store.producers(digest);
      if (made.isEmpty()) {
        return new Node(path, digest, null);
      }
      // The newest run that wrote this content: a cached re-run names the same files.
      FileRow first = made.get(0);
      Optional<RunRecord> run = records.computeIfAbsent(first.runId(), id -> store.record(id));
      if (run.isEmpty()) {
        return new Node(path, digest, null);
      }
      StepRecord step =
          run.get().steps().stream()
              .filter(s -> s.id().equals(first.stepId()))
              .findFirst()
              .orElse(null);
      List<Node> inputs = new ArrayList<>();
      if (step != null && step.lineage() != null) {
        for (Map.Entry<String, String> in : step.lineage().inputs().entrySet()) {
          inputs.add(node(store, in.getKey(), in.getValue(), depth + 1, onPath, records));
        }
      }
      return new Node(
          path,
          digest,
          new Producer(
              run.get().runId(),
              first.stepId(),
              run.get().pipeline(),
              run.get().source(),
              run.get().params(),
              step == null ? Map.of() : step.matrix(),
              step == null || step.lineage() == null ? null : step.lineage().image(),
              inputs));
    } finally {
      onPath.remove(digest);
    }
  }

  /** The trace as indented text, one file per line and what made it under it. */
  public static String text(Node root) {
    StringBuilder out = new StringBuilder();
    text(root, "", out);
    return out.toString();
  }

  private static void text(Node n, String indent, StringBuilder out) {
    out.append(indent).append(n.path()).append("  ").append(n.digest()).append('\n');
    Producer p = n.producer();
    if (p == null) {
      out.append(indent).append("  not produced by any recorded run (a source)\n");
      return;
    }
    out.append(indent)
        .append("  made by run ")
        .append(p.runId())
        .append(", step ")
        .append(p.stepId())
        .append(" (pipeline ")
        .append(p.pipeline())
        .append(")\n");
    SourceRecord s = p.source();
    out.append(indent)
        .append("  code: ")
        .append(
            s == null
                ? "unknown (not a git work tree)"
                : "commit "
                    + s.commit()
                    + (s.branch() == null ? "" : " on " + s.branch())
                    + (s.dirty() ? ", with uncommitted changes" : ""))
        .append('\n');
    if (!p.params().isEmpty()) {
      out.append(indent).append("  params: ").append(p.params()).append('\n');
    }
    if (!p.matrix().isEmpty()) {
      out.append(indent).append("  matrix: ").append(p.matrix()).append('\n');
    }
    if (p.image() != null) {
      out.append(indent).append("  image: ").append(p.image()).append('\n');
    }
    if (!p.inputs().isEmpty()) {
      out.append(indent).append("  from:\n");
      for (Node in : p.inputs()) {
        text(in, indent + "    ", out);
      }
    }
  }
}
