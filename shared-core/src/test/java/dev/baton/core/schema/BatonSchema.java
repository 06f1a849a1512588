package dev.baton.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The published JSON Schema of baton.yaml (docs/baton.schema.json), loaded for tests. */
final class BatonSchema {
  static final Path SCHEMA_FILE = Path.of("docs", "baton.schema.json");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonSchema schema;

  private BatonSchema(JsonSchema schema) {
    this.schema = schema;
  }

  /** Loads the schema from the repository, as an editor would. */
  static BatonSchema load() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
    return new BatonSchema(factory.getSchema(schemaNode(), config));
  }

  /** The schema document itself, as JSON. */
  static JsonNode schemaNode() {
    return readJson(repoRoot().resolve(SCHEMA_FILE));
  }

  /** Every violation, sorted by place, each as {@code $.path: message}. */
  List<String> violations(JsonNode descriptor) {
    return schema.validate(descriptor).stream()
        .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toList());
  }

  /** Violations of a descriptor given as YAML text. */
  List<String> violations(String yaml) {
    try {
      return violations(YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository root: the parent of the module directory Maven runs tests in. Checked, so a test
   * run from elsewhere fails with a clear message instead of finding nothing.
   */
  static Path repoRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null || !Files.isRegularFile(root.resolve(SCHEMA_FILE))) {
      throw new IllegalStateException(
          "cannot find " + SCHEMA_FILE + " above " + module + "; run the tests from shared-core/");
    }
    return root;
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
