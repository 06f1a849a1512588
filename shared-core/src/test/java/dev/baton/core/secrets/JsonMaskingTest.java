package dev.baton.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMaskingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSecretRightAfterAnEscapeLeavesTheDocumentJson() throws Exception {
    Masker m = Masker.of(List.of("nSECRET1"));
    String json = JSON.writeValueAsString(Map.of("message", "line\nSECRET1 and nSECRET1"));

    // Masking the text would give "line\****...": not JSON.
    assertThat(m.mask(json)).contains("\\****");
    String masked = JsonMasking.mask(json, m);

    assertThat(JSON.readTree(masked).get("message").asText()).isEqualTo("line\nSECRET1 and ****");
  }

  @Test
  void keysAreMaskedAndNumbersKeptExactly() throws Exception {
    Masker m = Masker.of(List.of("hunter22"));
    String json = "{\"latency_token=hunter22\":0.1000000000000000055511151231257827,\"n\":[1,2]}";

    String masked = JsonMasking.mask(json, m);

    assertThat(masked)
        .isEqualTo("{\"latency_token=****\":0.1000000000000000055511151231257827,\"n\":[1,2]}");
  }
}
