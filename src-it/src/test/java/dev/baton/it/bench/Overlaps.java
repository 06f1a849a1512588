package dev.baton.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds attempts that overlapped in time on the same agent and GPU index: must never happen. */
final class Overlaps {
  private Overlaps() {}

  static List<String> sharedGpus(List<JsonNode> attempts) {
    List<String> clashes = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i + 1; j < attempts.size(); j++) {
        JsonNode a = attempts.get(i);
        JsonNode b = attempts.get(j);
        if (!a.get("agent").asText().equals(b.get("agent").asText()) || !overlap(a, b)) {
          continue;
        }
        for (JsonNode g : a.get("gpus")) {
          for (JsonNode h : b.get("gpus")) {
            if (g.asInt() == h.asInt()) {
              clashes.add(a.get("agent").asText() + " GPU " + g.asInt());
            }
          }
        }
      }
    }
    return clashes;
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    Instant as = Instant.parse(a.get("startedAt").asText());
    Instant ae = Instant.parse(a.get("endedAt").asText());
    Instant bs = Instant.parse(b.get("startedAt").asText());
    Instant be = Instant.parse(b.get("endedAt").asText());
    return as.isBefore(be) && bs.isBefore(ae);
  }
}
