package dev.baton.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps SQLite's native library unpacked once per driver build, so that opening the history store
 * does not unpack it again. Left alone, sqlite-jdbc copies its 1 MB library out of the jar into the
 * temporary directory under a new name on every start, hashes both copies, and scans the directory
 * for the copies of earlier processes: tens of milliseconds of a {@code baton history} that
 * otherwise takes a few hundred.
 *
 * <p>The copy lives in {@code $XDG_CACHE_HOME/baton/sqlite/<entry CRC>-<size>/} (default {@code
 * ~/.cache}), named by the jar entry's own CRC-32 and size, so another driver build gets its own.
 * It is written to a temporary name and renamed into place (a concurrent Baton sees the whole file
 * or none), and checked against the entry's CRC-32 before each use. The driver is pointed at it
 * with {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}; when anything fails (no home, a
 * read-only cache, a corrupt copy that cannot be replaced), those stay unset and the driver unpacks
 * as it always did.
 */
final class SqliteLibrary {
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private static boolean prepared;

  private SqliteLibrary() {}

  /** Points the driver at the kept copy, making it first when needed; at most once a process. */
  static synchronized void prepare(Map<String, String> env) {
    if (prepared || System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    prepared = true;
    Path root = cacheRoot(env);
    if (root == null) {
      return;
    }
    try {
      Path kept = kept(root);
      Path dir = kept == null ? null : kept.getParent();
      if (kept != null && dir != null) {
        System.setProperty(PATH_PROPERTY, dir.toString());
        System.setProperty(NAME_PROPERTY, kept.getFileName().toString());
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // The driver's own unpacking still works: this only saves its time.
    }
  }

  /** {@code $XDG_CACHE_HOME/baton/sqlite}, else {@code ~/.cache/baton/sqlite}; null without one. */
  static @Nullable Path cacheRoot(Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "baton", "sqlite");
    }
    String home = System.getProperty("user.home", "");
    if (home.isBlank() || home.equals("?")) {
      return null;
    }
    return Path.of(home, ".cache", "baton", "sqlite");
  }

  /** The verified copy under {@code root}, made when missing or damaged; null when none. */
  static @Nullable Path kept(Path root) throws IOException {
    String resource = resource();
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    URL url = SqliteLibrary.class.getResource(resource);
    if (url == null) {
      return null; // no library for this platform in the jar: the driver says so itself
    }
    URLConnection connection = url.openConnection();
    connection.setUseCaches(true);
    long crc;
    long size;
    if (connection instanceof JarURLConnection jar) {
      JarEntry entry = jar.getJarEntry();
      crc = entry.getCrc();
      size = entry.getSize();
    } else {
      crc = -1;
      size = -1;
    }
    if (crc < 0 || size < 0) {
      return null; // not from a jar (an exploded class path): nothing stable to key the copy by
    }
    // Not String.format: its locale data costs more than the rest of this class.
    Path dir = root.resolve(Long.toHexString(crc) + "-" + size);
    Path file = dir.resolve(name);
    if (matches(file, crc, size)) {
      return file;
    }
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, name, ".part");
    try {
      try (InputStream in = connection.getInputStream();
          OutputStream out = Files.newOutputStream(part)) {
        in.transferTo(out);
      }
      if (!matches(part, crc, size)) {
        return null;
      }
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
    return matches(file, crc, size) ? file : null;
  }

  /**
   * Where the driver keeps its library for this platform. On glibc Linux, worked out here:
   * sqlite-jdbc's own answer ({@link LibraryLoaderUtil}) runs {@code uname -m} in a child process
   * and lists {@code /proc/self/map_files}, which would cost more than the unpacking saved.
   */
  static String resource() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    String folder =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64" -> "aarch64";
          default -> "";
        };
    if (os.equals("Linux") && !folder.isEmpty() && !musl()) {
      return "/org/sqlite/native/Linux/" + folder + "/libsqlitejdbc.so";
    }
    return LibraryLoaderUtil.getNativeLibResourcePath()
        + "/"
        + LibraryLoaderUtil.getNativeLibName();
  }

  /** Whether this Linux links against musl (Alpine): its dynamic loader is there. */
  private static boolean musl() {
    return Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
        || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
  }

  /** Whether {@code file} holds {@code size} bytes whose CRC-32 is {@code crc}. */
  static boolean matches(Path file, long crc, long size) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) != size) {
        return false;
      }
      CRC32 sum = new CRC32();
      sum.update(Files.readAllBytes(file));
      return sum.getValue() == crc;
    } catch (IOException e) {
      return false;
    }
  }
}
