package dev.baton.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The schema keeps the promises that make it useful in an editor: it is itself valid, every key has
 * a description, no object silently accepts misspelt keys, and the reference documents every key.
 */
class SchemaConventionsTest {
  private final JsonNode schema = BatonSchema.schemaNode();

  @Test
  void isAValidDraft07Schema() {
    JsonNode declared = schema.path("$schema");
    assertThat(declared.asText()).isEqualTo("http://json-schema.org/draft-07/schema#");

    var metaSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of(SchemaId.V7));
    assertThat(metaSchema.validate(schema)).isEmpty();
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> undescribed = new ArrayList<>();
    walk(
        schema,
        "#",
        (node, path) -> {
          JsonNode properties = node.path("properties");
          for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!property.getValue().hasNonNull("description")) {
              undescribed.add(path + "/properties/" + property.getKey());
            }
          }
        });
    assertThat(undescribed).isEmpty();
  }

  @Test
  void everyObjectWithPropertiesRejectsUnknownKeys() {
    List<String> open = new ArrayList<>();
    walk(
        schema,
        "#",
        (node, path) -> {
          JsonNode additional = node.path("additionalProperties");
          // Absent or `true` lets a misspelt key through; `false` or a schema for map values do
          // not.
          if (node.has("properties") && (additional.isMissingNode() || additional.asBoolean())) {
            open.add(path);
          }
        });
    assertThat(open).isEmpty();
  }

  @Test
  void descriptorReferenceDocumentsEveryKey() throws IOException {
    String reference =
        Files.readString(
            BatonSchema.repoRoot().resolve("docs/descriptor.md"), StandardCharsets.UTF_8);
    TreeSet<String> keys = new TreeSet<>();
    walk(
        schema,
        "#",
        (node, path) -> node.path("properties").fieldNames().forEachRemaining(keys::add));

    assertThat(keys).isNotEmpty();
    // A key counts as documented when written as code, alone or in a dotted path: `on.timeouts`.
    assertThat(keys.stream().filter(k -> !documented(reference, k)))
        .as("keys never written as `key` or `a.key` in docs/descriptor.md")
        .isEmpty();
  }

  private static boolean documented(String reference, String key) {
    return Pattern.compile("[`.]" + Pattern.quote(key) + "[`.]").matcher(reference).find();
  }

  /** Calls {@code visitor} on every object node of the schema, with its JSON pointer. */
  private static void walk(JsonNode node, String path, Visitor visitor) {
    if (node.isObject()) {
      visitor.visit(node, path);
      // Examples and defaults are data, and an `if` only tests a value: none describes a shape.
      node.fields()
          .forEachRemaining(
              e -> {
                if (!List.of("examples", "default", "if").contains(e.getKey())) {
                  walk(e.getValue(), path + "/" + e.getKey(), visitor);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    }
  }

  private interface Visitor {
    void visit(JsonNode node, String path);
  }
}
