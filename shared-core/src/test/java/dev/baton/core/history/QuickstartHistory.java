package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The quickstart in a fresh git repository, its files declared (quickstart-lineage.yaml), run with
 * different params: what the history tests query.
 */
final class QuickstartHistory {
  private QuickstartHistory() {}

  /** Copies the quickstart into {@code repo}, commits it and returns the descriptor. */
  static Path repository(Path repo) throws Exception {
    Path quickstart = Path.of("..").toAbsolutePath().normalize().resolve("examples/quickstart");
    try (Stream<Path> scripts = Files.list(quickstart.resolve("scripts"))) {
      Files.createDirectories(repo.resolve("scripts"));
      for (Path s : scripts.toList()) {
        Files.copy(s, repo.resolve("scripts").resolve(s.getFileName()));
      }
    }
    Path descriptor = repo.resolve("baton.yaml");
    try (InputStream in =
        Objects.requireNonNull(
            QuickstartHistory.class.getResourceAsStream("quickstart-lineage.yaml"))) {
      Files.copy(in, descriptor, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(repo.resolve(".gitignore"), "build/\n.baton/\n");
    Git.init(repo);
    Git.commitAll(repo, "quickstart");
    return descriptor;
  }

  /**
   * Runs the pipeline once per {@code rows} value, each after a commit of its own, and adds each
   * run to the history store {@code history} names, as a front end does when a run ends.
   */
  static List<RunOutcome> runs(Path repo, Path descriptor, Map<String, String> history, int... rows)
      throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(history);
    List<RunOutcome> out = new ArrayList<>();
    for (int r : rows) {
      Files.writeString(repo.resolve("NOTES.md"), "rows " + r + "\n");
      Git.commitAll(repo, "rows " + r);
      RunOutcome outcome =
          new Baton(e -> {}, env)
              .run(BatonConfig.of(descriptor).toBuilder().params(Map.of("rows", "" + r)).build());
      out.add(outcome);
      assertThat(RunHistory.addFinished(outcome.record(), outcome.reportDir(), repo, env))
          .isEmpty();
    }
    return out;
  }

  static void deleteBuild(Path repo) throws IOException {
    Path build = repo.resolve("build");
    if (Files.exists(build)) {
      try (Stream<Path> all = Files.walk(build)) {
        for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
