package dev.baton.core.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks a JSON document's strings, keys included, and writes it again. Masking the text itself
 * could put a mask inside an escape sequence — a secret starting with {@code n} after a newline
 * turns {@code \nsecret} into {@code \****}, which is not JSON — and leave the document unreadable.
 */
public final class JsonMasking {
  private JsonMasking() {}

  /** Built on first use: a run without secrets never needs it (start-up, issue 17). */
  private static final class Mapper {
    static final ObjectMapper JSON =
        JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  }

  /** A function masking one JSON document (a journal line) at a time. */
  public static UnaryOperator<String> ofText(Masker m) {
    return json -> mask(json, m);
  }

  /** {@code json} with its strings masked; unchanged when nothing is masked in it. */
  public static String mask(String json, Masker m) {
    if (m.isEmpty() || m.mask(json).equals(json)) {
      return json;
    }
    try {
      return Mapper.JSON.writeValueAsString(masked(Mapper.JSON.readTree(json), m));
    } catch (JsonProcessingException e) {
      // Not JSON after all: the text masked as text is still better than a secret in clear.
      return m.mask(json);
    }
  }

  private static JsonNode masked(JsonNode node, Masker m) {
    if (node.isTextual()) {
      return TextNode.valueOf(m.mask(node.textValue()));
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = Mapper.JSON.createArrayNode();
      array.forEach(v -> out.add(masked(v, m)));
      return out;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode out = Mapper.JSON.createObjectNode();
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> f : fields) {
        String key = m.mask(f.getKey());
        for (int n = 2; out.has(key); n++) {
          key = m.mask(f.getKey()) + " (" + n + ")";
        }
        out.set(key, masked(f.getValue(), m));
      }
      return out;
    }
    return node;
  }
}
