package dev.baton.core.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and bytes, as lower-case hex. */
final class Sha256 {
  /** Files are read in pieces of this size into a direct buffer (no copy into the Java heap). */
  static final int BUFFER = 1 << 20;

  // Below this size loading OpenSSL costs more than it saves.
  private static final long NATIVE_FROM = 1 << 16;

  private Sha256() {}

  /** A digest being fed; {@link #finish} returns the hex and ends it. */
  interface Hasher extends AutoCloseable {
    /** Adds the first {@code length} bytes of the direct buffer {@code direct}. */
    void update(ByteBuffer direct, int length);

    String finish();

    @Override
    void close();
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** A hasher for about {@code size} bytes: OpenSSL's when it is there and worth loading. */
  static Hasher start(long size) {
    if (size >= NATIVE_FROM && NativeSha256.available()) {
      return new NativeSha256.Running();
    }
    return new JavaHasher();
  }

  static String of(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        Hasher h = start(in.size())) {
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(BUFFER, in.size() + 1));
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        h.update(buffer, buffer.position());
        buffer.clear();
      }
      return h.finish();
    }
  }

  /** The JDK's SHA-256. */
  private static final class JavaHasher implements Hasher {
    private final MessageDigest md = digest();

    @Override
    public void update(ByteBuffer direct, int length) {
      md.update(direct.duplicate().position(0).limit(length));
    }

    @Override
    public String finish() {
      return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {}
  }
}
