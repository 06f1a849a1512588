package dev.baton.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every descriptor shipped in examples/ is one the published schema accepts. */
class ExamplesMatchSchemaTest {

  @Test
  void everyExampleDescriptorMatchesTheSchema() throws IOException {
    Path examples = BatonSchema.repoRoot().resolve("examples");
    List<Path> descriptors = descriptorsUnder(examples);
    // An empty examples/ would make the check below pass without checking anything.
    assertThat(descriptors).as("baton.yaml or *.baton.yaml files under %s", examples).isNotEmpty();

    BatonSchema schema = BatonSchema.load();
    List<String> problems = new ArrayList<>();
    for (Path file : descriptors) {
      Path shown = examples.getParent().relativize(file);
      for (String violation : schema.violations(BatonSchema.readYaml(file))) {
        problems.add(shown + ": " + violation);
      }
    }
    assertThat(problems).as("schema violations in examples/").isEmpty();
  }

  private static List<Path> descriptorsUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(ExamplesMatchSchemaTest::isDescriptor)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean isDescriptor(Path file) {
    String name = file.getFileName().toString();
    return name.equals("baton.yaml") || name.endsWith(".baton.yaml");
  }
}
