package dev.baton.core.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret values, and their Base64 and URL-encoded forms, with {@value #MASK}. Works on
 * UTF-8 bytes, so it masks text and raw logs alike; where matches overlap or touch, the whole
 * stretch becomes one {@value #MASK}.
 */
public final class Masker {
  public static final String MASK = "****";

  /** Masks nothing. */
  public static final Masker NONE = new Masker(List.of());

  static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

  /** Patterns by their first byte, longest first, so a lookup at one position is short. */
  private final byte[][][] byFirstByte = new byte[256][][];

  private final int longest;
  private final boolean empty;

  private Masker(List<byte[]> patterns) {
    List<List<byte[]>> buckets = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      buckets.add(new ArrayList<>());
    }
    int max = 0;
    for (byte[] p : patterns) {
      buckets.get(p[0] & 0xff).add(p);
      max = Math.max(max, p.length);
    }
    for (int i = 0; i < 256; i++) {
      List<byte[]> bucket = buckets.get(i);
      bucket.sort(Comparator.comparingInt((byte[] p) -> p.length).reversed());
      byFirstByte[i] = bucket.isEmpty() ? null : bucket.toArray(new byte[0][]);
    }
    this.longest = max;
    this.empty = patterns.isEmpty();
  }

  /** A masker for {@code values} and their encoded forms; empty values are ignored. */
  public static Masker of(Collection<String> values) {
    Set<String> forms = new LinkedHashSet<>();
    for (String v : values) {
      if (v != null) {
        forms.addAll(MaskForms.of(v));
      }
    }
    List<byte[]> patterns = new ArrayList<>();
    for (String f : forms) {
      patterns.add(f.getBytes(StandardCharsets.UTF_8));
    }
    return new Masker(patterns);
  }

  /** True when there is nothing to mask. */
  public boolean isEmpty() {
    return empty;
  }

  /** {@code text} with every secret form masked; null stays null. */
  public String mask(String text) {
    if (empty || text == null || text.isEmpty()) {
      return text;
    }
    return new String(mask(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** {@code bytes} with every secret form masked. */
  public byte[] mask(byte[] bytes) {
    if (empty) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    try (OutputStream masking = filter(out)) {
      masking.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A stream that writes what it is given to {@code out}, masked. It holds back as many bytes as
   * the longest form, so a secret split across two writes is still caught; {@link
   * OutputStream#close()} writes the rest and closes {@code out}.
   */
  public MaskingOutputStream filter(OutputStream out) {
    return new MaskingOutputStream(this, out);
  }

  int longest() {
    return longest;
  }

  /** Length of the longest form that starts at {@code at} and ends by {@code end}; 0 if none. */
  int matchAt(byte[] buf, int at, int end) {
    byte[][] candidates = byFirstByte[buf[at] & 0xff];
    if (candidates == null) {
      return 0;
    }
    for (byte[] p : candidates) {
      if (p.length <= end - at && regionMatches(buf, at, p)) {
        return p.length;
      }
    }
    return 0;
  }

  private static boolean regionMatches(byte[] buf, int at, byte[] p) {
    for (int i = 1; i < p.length; i++) {
      if (buf[at + i] != p[i]) {
        return false;
      }
    }
    return true;
  }
}
