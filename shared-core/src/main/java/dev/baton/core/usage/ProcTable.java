package dev.baton.core.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads this machine's process table ({@code /proc}) once per sample: for each process group asked
 * about, the CPU time, resident memory and storage I/O of all its live processes together. One scan
 * serves every running attempt, however many there are.
 */
final class ProcTable {
  /** The kernel's clock ticks per second in {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  static final long TICKS_PER_SECOND = 100;

  static final long PAGE_BYTES = pageBytes();
  private static final Path PROC = Path.of("/proc");

  private ProcTable() {}

  /** Whether this machine has a Linux process table to read. */
  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /** The live processes of each of {@code groups}, summed; a group with none is absent. */
  static Map<Long, GroupSample> sample(Set<Long> groups) {
    Map<Long, GroupSample> out = new HashMap<>();
    if (groups.isEmpty()) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        Stat stat = stat(dir);
        if (stat == null || !groups.contains(stat.group)) {
          continue;
        }
        long[] io = io(dir);
        out.merge(
            stat.group,
            new GroupSample(stat.cpuTicks, stat.rssPages * PAGE_BYTES, io[0], io[1]),
            GroupSample::plus);
      }
    } catch (IOException | RuntimeException e) {
      // A table that cannot be listed gives no sample; the kernel's figures at the end remain.
    }
    return out;
  }

  record Stat(long group, long cpuTicks, long rssPages) {}

  private static @Nullable Stat stat(Path dir) {
    String text;
    try {
      text = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return null; // the process ended between the listing and the read
    }
    return parseStat(text);
  }

  /** Parses {@code /proc/<pid>/stat}; the command name in parentheses may hold any character. */
  static @Nullable Stat parseStat(String text) {
    int close = text.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String[] f = text.substring(close + 2).trim().split(" ", -1);
    // After ")": state(3) ppid(4) pgrp(5) ... utime(14) stime(15) cutime(16) cstime(17) ... rss(24)
    if (f.length < 22) {
      return null;
    }
    try {
      long group = Long.parseLong(f[2]);
      long cpu =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      long rss = Long.parseLong(f[21]);
      return new Stat(group, cpu, Math.max(0, rss));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code read_bytes} and {@code write_bytes} of {@code /proc/<pid>/io}; zeros where unreadable.
   */
  private static long[] io(Path dir) {
    long[] out = new long[2];
    try {
      for (String line : Files.readAllLines(dir.resolve("io"), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("read_bytes:")) {
          out[0] = Long.parseLong(line.substring(11).trim());
        } else if (line.startsWith("write_bytes:")) {
          out[1] = Long.parseLong(line.substring(12).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Another user's process, or one that just ended: its I/O is counted at the end, if at all.
    }
    return out;
  }

  /**
   * The page size {@code /proc/<pid>/stat} counts resident memory in: the first mapping's {@code
   * KernelPageSize} in this process's {@code smaps}. Only the lines up to it are read — a JVM has
   * thousands of mappings, and reading all of {@code smaps} cost a run 16 ms and a few MB.
   */
  private static long pageBytes() {
    try (BufferedReader lines =
        Files.newBufferedReader(Path.of("/proc/self/smaps"), StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("KernelPageSize:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the common size
    }
    return 4096;
  }
}
