package dev.baton.core.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a process's process group and session from {@code /proc/<pid>/stat} (Linux), which tell
 * whether it belongs to a Baton step: each step leads a session of its own.
 */
public final class ProcStat {
  /**
   * The ids of one process.
   *
   * @param processGroup field 5 of {@code /proc/<pid>/stat}
   * @param session field 6 of {@code /proc/<pid>/stat}
   */
  public record Ids(long pid, long processGroup, long session) {}

  private final Path root;

  /** Reads this machine's {@code /proc}. */
  public ProcStat() {
    this(Path.of("/proc"));
  }

  /** Reads {@code root} as if it were {@code /proc} (tests). */
  ProcStat(Path root) {
    this.root = root;
  }

  /** Whether there is a {@code /proc} to read at all (not on macOS or Windows). */
  public boolean available() {
    return Files.isReadable(root.resolve("self").resolve("stat"));
  }

  /** The ids of {@code pid}; empty when it has ended, or its stat cannot be read. */
  public Optional<Ids> read(long pid) {
    String stat;
    try {
      stat =
          Files.readString(
              root.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // Gone between nvidia-smi's answer and now, which is the usual way a process vanishes.
      return Optional.empty();
    }
    return parse(pid, stat);
  }

  /**
   * Fields after the command name, which may hold spaces and parentheses, so it ends at the last
   * ')'.
   */
  static Optional<Ids> parse(long pid, String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(end + 1).strip().split("\\s+", -1);
    // state, ppid, pgrp, session: fields 3 to 6 of the whole line.
    if (fields.length < 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Ids(pid, Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
