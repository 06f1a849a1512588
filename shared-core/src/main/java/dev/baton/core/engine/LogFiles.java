package dev.baton.core.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Names step log files and reads their last lines without loading whole logs. */
public final class LogFiles {
  private static final int TAIL_BYTES = 16 * 1024;
  private static final String SAFE = "._-=,+[]()@~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  // Room for ".attempt-NNN.exit.tmp" and Slurm's ".NNN.sh" after the name, within 255 bytes.
  private static final int MAX_NAME = 200;
  private static final int HASHED_TAIL = 2 + 16;

  private LogFiles() {}

  /**
   * {@code logs/train[lr=0.01].log}: the id as a file name, distinct for distinct ids (an attempt's
   * exit file and Slurm script are named after it, so two cells sharing one would take each other's
   * exit codes) and safe for CI artifact uploaders.
   */
  public static String relativePath(String stepId) {
    return "logs/" + fileName(stepId) + ".log";
  }

  /**
   * The step id with every character outside {@code A-Z a-z 0-9 . _ - = , + [ ] ( ) @ ~} — a path
   * separator, one of {@code : * ? " < > |}, a control character, a space, {@code %} itself, a
   * non-ASCII letter — written as {@code %XX} per UTF-8 byte: percent-encoding, which is injective.
   * A name that would be too long for a file system (255 bytes) keeps its start and ends in {@code
   * %~} and a hash of the whole id; escaping never writes {@code %~}, so it cannot meet a short
   * one.
   */
  static String fileName(String stepId) {
    StringBuilder out = new StringBuilder(stepId.length() + 8);
    for (byte b : stepId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || SAFE.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    if (out.length() > MAX_NAME) {
      out.setLength(MAX_NAME - HASHED_TAIL);
      out.append("%~").append(hash(stepId));
    }
    // A leading dot would hide the file; the first character is always kept, so escape it.
    return out.charAt(0) == '.' ? "%2E" + out.substring(1) : out.toString();
  }

  private static String hash(String stepId) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(stepId.getBytes(StandardCharsets.UTF_8));
      StringBuilder h = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        h.append(HEX[(d[i] >> 4) & 0xf]).append(HEX[d[i] & 0xf]);
      }
      return h.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
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
