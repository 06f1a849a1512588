package dev.baton.core.descriptor.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The descriptors the fuzzer starts from, each list in path order: the order of a directory listing
 * differs between file systems, and the mutator picks by index, so without sorting one seed would
 * make other inputs on another machine.
 */
final class FuzzInputs {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path REGRESSIONS =
      Path.of("src", "test", "resources", "dev", "baton", "core", "descriptor", "fuzz");

  private FuzzInputs() {}

  /** Every descriptor the project ships or tests with. */
  static List<String> corpus() throws IOException {
    return read(corpusFiles());
  }

  /** The files of {@link #corpus()}, in path order. */
  static List<Path> corpusFiles() throws IOException {
    List<Path> yaml = new ArrayList<>();
    for (String dir :
        List.of("examples", "src-it/fixtures", "src-it/maven", "shared-core/src/test/resources")) {
      try (Stream<Path> files = Files.walk(REPO.resolve(dir))) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".yaml"))
            .filter(f -> !f.toString().contains("/target/"))
            .forEach(yaml::add);
      }
    }
    return yaml.stream().sorted().toList();
  }

  /** Inputs that once failed, replayed first on every run. */
  static List<String> regressions() throws IOException {
    if (!Files.isDirectory(REGRESSIONS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(REGRESSIONS)) {
      return read(files.sorted().toList());
    }
  }

  private static List<String> read(List<Path> files) throws IOException {
    List<String> all = new ArrayList<>();
    for (Path f : files) {
      all.add(Files.readString(f, StandardCharsets.UTF_8));
    }
    return all;
  }
}
