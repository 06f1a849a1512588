package dev.baton.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests see of steps' process groups: the journal's record (their members in {@code /proc}
 * are read by shared-core's {@code GroupMembers}).
 */
final class ProcessGroupScan {
  private ProcessGroupScan() {}

  /** {@link #recordedGroups}, empty while the journal cannot be read yet. */
  static List<Long> recordedGroupsQuietly(Path journal, String step) {
    try {
      return recordedGroups(journal, step);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The process groups the journal recorded for the commands {@code step}'s attempts ran after
   * their first (a validate, benchmark or deploy step's commands), in order.
   */
  static List<Long> laterGroupsQuietly(Path journal, String step) {
    return groups(journal, step, "attempt-process");
  }

  private static List<Long> groups(Path journal, String step, String type) {
    List<Long> groups = new ArrayList<>();
    try {
      if (!Files.exists(journal)) {
        return groups;
      }
      for (String line : Files.readAllLines(journal)) {
        JsonNode entry = new ObjectMapper().readTree(line.substring(line.indexOf(' ') + 1));
        if (entry.get("type").asText().equals(type) && entry.get("step").asText().equals(step)) {
          groups.add(entry.get("processGroup").asLong());
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // being written
    }
    return groups;
  }

  /** The process groups the journal recorded for {@code step}'s attempts, in order. */
  static List<Long> recordedGroups(Path journal, String step) throws IOException {
    List<Long> groups = new ArrayList<>();
    if (!Files.exists(journal)) {
      return groups;
    }
    for (String line : Files.readAllLines(journal)) {
      JsonNode entry = new ObjectMapper().readTree(line.substring(line.indexOf(' ') + 1));
      if (entry.get("type").asText().equals("attempt-started")
          && entry.get("step").asText().equals(step)
          && entry.has("processGroup")) {
        groups.add(entry.get("processGroup").asLong());
      }
    }
    return groups;
  }
}
