package dev.baton.core.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Names step log files and reads their last lines without loading whole logs. */
public final class LogFiles {
  private static final int TAIL_BYTES = 16 * 1024;

  private LogFiles() {}

  /** {@code logs/train[lr=0.01].log}: the id, with characters a file name cannot hold replaced. */
  public static String relativePath(String stepId) {
    return "logs/" + stepId.replaceAll("[/\\\\\\x00-\\x1f]", "_") + ".log";
  }

  /** The last {@code lines} lines of {@code log} (empty when it does not exist). */
  public static List<String> tail(Path log, int lines) {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long length = f.length();
      int n = (int) Math.min(length, TAIL_BYTES);
      byte[] buf = new byte[n];
      f.seek(length - n);
      f.readFully(buf);
      List<String> all =
          new ArrayList<>(
              Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\r?\n", -1)));
      if (n < length && !all.isEmpty()) {
        all.remove(0);
      }
      if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
        all.remove(all.size() - 1);
      }
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of();
    }
  }
}
