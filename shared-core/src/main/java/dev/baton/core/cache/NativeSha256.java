package dev.baton.core.cache;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.baton.core.os.LinuxLibc;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 from the system's OpenSSL ({@code libcrypto.so.3}, through JNA): it uses the CPU's SHA
 * instructions, about 1.7 GB/s on the 2-core VM, where the JDK's own SHA-256 runs at 80 MB/s under
 * the C1-only JIT the launcher starts Baton with (its intrinsic needs C2). The same algorithm, so
 * entries stay valid whichever one hashed them; a library that cannot be loaded, or that gets the
 * test vector wrong, is not used.
 */
final class NativeSha256 {
  /** Why OpenSSL is not used, or null when it is. */
  static final @Nullable String PROBLEM = bind();

  private NativeSha256() {}

  static native Pointer EVP_MD_CTX_new();

  static native void EVP_MD_CTX_free(Pointer ctx);

  static native Pointer EVP_sha256();

  static native int EVP_DigestInit_ex(Pointer ctx, Pointer type, @Nullable Pointer engine);

  static native int EVP_DigestUpdate(Pointer ctx, Pointer data, long count);

  static native int EVP_DigestFinal_ex(Pointer ctx, byte[] md, @Nullable Pointer size);

  static boolean available() {
    return PROBLEM == null;
  }

  /** A running digest; {@link #finish} frees it. */
  static final class Running implements Sha256.Hasher {
    private @Nullable Pointer ctx;

    Running() {
      Pointer c = EVP_MD_CTX_new();
      ctx = c;
      if (c == null || EVP_DigestInit_ex(c, EVP_sha256(), null) != 1) {
        throw new IllegalStateException("OpenSSL cannot start a SHA-256 digest");
      }
    }

    private Pointer open() {
      Pointer c = ctx;
      if (c == null) {
        throw new IllegalStateException("this SHA-256 digest is already finished");
      }
      return c;
    }

    @Override
    public void update(ByteBuffer direct, int length) {
      if (EVP_DigestUpdate(open(), Native.getDirectBufferPointer(direct), length) != 1) {
        throw new IllegalStateException("OpenSSL failed to update a SHA-256 digest");
      }
    }

    @Override
    public String finish() {
      byte[] out = new byte[32];
      Pointer c = open();
      try {
        if (EVP_DigestFinal_ex(c, out, null) != 1) {
          throw new IllegalStateException("OpenSSL failed to finish a SHA-256 digest");
        }
      } finally {
        EVP_MD_CTX_free(c);
        ctx = null;
      }
      return HexFormat.of().formatHex(out);
    }

    @Override
    public void close() {
      if (ctx != null) {
        EVP_MD_CTX_free(ctx);
        ctx = null;
      }
    }
  }

  private static @Nullable String bind() {
    String arch = System.getProperty("os.arch", "");
    if (Boolean.getBoolean("baton.cache.javaSha256")) {
      return "turned off by baton.cache.javaSha256";
    }
    try {
      if (!Platform.isLinux() || !(arch.equals("amd64") || arch.equals("aarch64"))) {
        return "not Linux on x86-64 or aarch64";
      }
      LinuxLibc.skipLibrarySearchPath();
      Native.register(NativeSha256.class, "libcrypto.so.3");
      return selfTest();
    } catch (Throwable e) {
      // UnsatisfiedLinkError (no OpenSSL 3) or another linkage error: the JDK's SHA-256 is used.
      return e.toString();
    }
  }

  /** The FIPS 180-2 test vector, hashed both ways. */
  private static @Nullable String selfTest() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocateDirect(abc.length).put(abc);
    try (Running r = new Running()) {
      r.update(buffer, abc.length);
      String got = r.finish();
      return got.equals(Sha256.of(abc)) ? null : "OpenSSL's SHA-256 of \"abc\" is wrong: " + got;
    }
  }
}
