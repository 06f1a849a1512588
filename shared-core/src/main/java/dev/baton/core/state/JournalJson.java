package dev.baton.core.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.core.io.MillisInstantModule;

/** The JSON form of journal entries: one compact line each, instants as in run.json. */
final class JournalJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new MillisInstantModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private JournalJson() {}
}
