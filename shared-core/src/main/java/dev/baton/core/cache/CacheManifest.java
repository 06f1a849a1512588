package dev.baton.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a cache entry holds: for each declared output, every file, directory and link under it.
 *
 * <p>Written as plain text, one tab-separated line per item, rather than JSON: a fully cached run
 * then needs no JSON library on its way to the first hit, which keeps it well under a second from
 * JVM start.
 *
 * @param key the cache key the entry belongs to
 * @param step the id of the step that produced it
 * @param items in walk order: a directory comes before what it contains
 */
record CacheManifest(int version, String key, String step, List<Item> items) {
  static final int VERSION = 1;
  static final String FILE = "manifest.txt";
  static final String CHECKSUM = "manifest.sha256";
  static final String BLOBS = "files";

  /**
   * The blob holding what the step wrote to {@code $BATON_OUTPUT}, so a hit gives a {@code CACHED}
   * step the outputs of the run that made the entry. Its item names no declared output (an empty
   * name, which no declared output has), so restoring the workspace passes it by.
   */
  static final String STEP_OUTPUTS = "step-outputs";

  private static final String MAGIC = "baton-cache-manifest";

  CacheManifest {
    items = List.copyOf(items);
  }

  /**
   * One path of an output.
   *
   * @param output the declared output it belongs to, as written
   * @param path workspace-relative, {@code /}-separated
   * @param type {@code file}, {@code dir} or {@code link}
   * @param size bytes, for files
   * @param sha256 content hash, for files
   * @param mode POSIX permissions such as {@code rwxr-xr-x}; empty where unknown
   * @param target the link's text, for links
   * @param blob the file's name under {@code files/} in the entry, for files
   */
  record Item(
      String output,
      String path,
      String type,
      long size,
      String sha256,
      String mode,
      String target,
      String blob) {}

  static Item stepOutputsItem(long size, String sha256) {
    return new Item("", "", "file", size, sha256, "", "", STEP_OUTPUTS);
  }

  /** The item of the step's {@code $BATON_OUTPUT} copy, where the entry has one. */
  Optional<Item> stepOutputs() {
    return items.stream()
        .filter(i -> i.output().isEmpty() && i.blob().equals(STEP_OUTPUTS))
        .findFirst();
  }

  byte[] toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(MAGIC).append(' ').append(version).append('\n');
    sb.append("key\t").append(escape(key)).append('\n');
    sb.append("step\t").append(escape(step)).append('\n');
    for (Item i : items) {
      sb.append(
              String.join(
                  "\t",
                  "item",
                  escape(i.type()),
                  escape(i.output()),
                  escape(i.path()),
                  Long.toString(i.size()),
                  escape(i.sha256()),
                  escape(i.mode()),
                  escape(i.target()),
                  escape(i.blob())))
          .append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static CacheManifest fromText(byte[] bytes) throws IOException {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).lines().toArray(String[]::new);
    if (lines.length < 3 || !lines[0].startsWith(MAGIC + " ")) {
      throw new IOException("not a Baton cache manifest");
    }
    try {
      int version = Integer.parseInt(lines[0].substring(MAGIC.length() + 1));
      String key = field(lines[1], "key")[1];
      String step = field(lines[2], "step")[1];
      List<Item> items = new ArrayList<>();
      for (int n = 3; n < lines.length; n++) {
        String[] f = field(lines[n], "item");
        if (f.length != 9) {
          throw new IOException("line " + (n + 1) + " has " + f.length + " fields, not 9");
        }
        items.add(
            new Item(
                unescape(f[2]),
                unescape(f[3]),
                unescape(f[1]),
                Long.parseLong(f[4]),
                unescape(f[5]),
                unescape(f[6]),
                unescape(f[7]),
                unescape(f[8])));
      }
      return new CacheManifest(version, unescape(key), unescape(step), items);
    } catch (NumberFormatException e) {
      throw new IOException("a number in the manifest is not one: " + e.getMessage(), e);
    }
  }

  private static String[] field(String line, String name) throws IOException {
    String[] f = line.split("\t", -1);
    if (!f[0].equals(name) || f.length < 2) {
      throw new IOException("expected a '" + name + "' line, found: " + line);
    }
    return f;
  }

  /** Backslash, tab and newline written as {@code \\}, {@code \t} and {@code \n}. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(
            switch (next) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> next;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
