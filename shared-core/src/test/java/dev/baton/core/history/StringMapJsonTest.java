package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringMapJsonTest {
  @Test
  void readsWhatJacksonWroteInOrderWithEveryEscape() throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("rows", "400");
    params.put("quote\"back\\slash", "tab\tnew\nline/é\u0001☃");
    params.put("empty", "");
    String json = new ObjectMapper().writeValueAsString(params);

    assertThat(StringMapJson.parse(json)).contains(params);
    assertThat(StringMapJson.parse(" { } ")).contains(Map.of());
    assertThat(StringMapJson.parse("{\"a\" : \"\\u00e9\\/\" }")).contains(Map.of("a", "é/"));
  }

  @Test
  void leavesAnythingButAFlatObjectOfStringsToTheGeneralParser() throws Exception {
    for (String other :
        new String[] {
          "{\"a\": 1}",
          "{\"a\": {\"b\": \"c\"}}",
          "[\"a\"]",
          "{\"a\": \"b\"",
          "{\"a\" \"b\"}",
          "{\"a\": \"b\"} x",
          "{\"a\": \"\\x\"}",
          "",
          "{\"a\": \"b\",}"
        }) {
      assertThat(StringMapJson.parse(other)).as(other).isEmpty();
    }
    // and what it leaves, Jackson still reads as the store always did
    Map<String, String> numbers =
        new ObjectMapper()
            .readValue("{\"a\": 1}", new TypeReference<LinkedHashMap<String, String>>() {});
    assertThat(numbers).containsEntry("a", "1");
  }
}
