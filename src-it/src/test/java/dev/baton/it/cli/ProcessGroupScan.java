package dev.baton.it.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the tests see of steps' process groups: the journal's record, and {@code /proc}. */
final class ProcessGroupScan {
  private ProcessGroupScan() {}

  static boolean procReadable() {
    return Files.isDirectory(Path.of("/proc/self"));
  }

  /** "pid comm" of each live process (zombies aside) whose process group is {@code group}. */
  static List<String> members(long group) throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path pid : pids) {
        String stat;
        try {
          stat = Files.readString(pid.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
          continue; // ended meanwhile
        }
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).split(" ", 4);
        if (!f[0].equals("Z") && Long.parseLong(f[2]) == group) {
          out.add(pid.getFileName() + " " + stat.substring(stat.indexOf('(') + 1, close));
        }
      }
    }
    return out;
  }

  /** {@link #recordedGroups}, empty while the journal cannot be read yet. */
  static List<Long> recordedGroupsQuietly(Path journal, String step) {
    try {
      return recordedGroups(journal, step);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
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
