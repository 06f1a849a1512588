package dev.baton.core.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What a cache entry holds: for each declared output, every file, directory and link under it.
 *
 * @param key the cache key the entry belongs to
 * @param step the id of the step that produced it
 * @param items in walk order: a directory comes before what it contains
 */
record CacheManifest(int version, String key, String step, List<Item> items) {
  static final int VERSION = 1;
  static final String FILE = "manifest.json";
  static final String CHECKSUM = "manifest.sha256";
  static final String BLOBS = "files";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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

  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest always serializes", e);
    }
  }

  static CacheManifest fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, CacheManifest.class);
  }
}
