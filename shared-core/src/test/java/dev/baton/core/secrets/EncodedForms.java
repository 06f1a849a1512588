package dev.baton.core.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Computes, independently of {@link MaskForms}, what a leak of a secret looks like: for a secret
 * embedded in a blob, the run of Base64 characters that change when any byte of the secret changes.
 */
final class EncodedForms {
  private EncodedForms() {}

  /**
   * The characters of {@code encoder}'s encoding of prefix+secret+suffix that depend on the secret,
   * found by flipping each of its bits; less the first and last, which share bits with neighbours.
   */
  static String interiorOfSecret(
      Base64.Encoder encoder, byte[] prefix, byte[] secret, byte[] suffix) {
    byte[] blob = concat(prefix, secret, suffix);
    String plain = encoder.encodeToString(blob);
    int first = Integer.MAX_VALUE;
    int last = -1;
    for (int i = 0; i < secret.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = blob.clone();
        flipped[prefix.length + i] ^= (byte) (1 << bit);
        String other = encoder.encodeToString(flipped);
        for (int k = 0; k < plain.length(); k++) {
          if (plain.charAt(k) != other.charAt(k)) {
            first = Math.min(first, k);
            last = Math.max(last, k);
          }
        }
      }
    }
    return plain.substring(first + 1, last);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The forms a test checks a report for: the value, Base64 and URL encodings. */
  static List<String> leaks(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().encodeToString(bytes));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    for (int align = 0; align < 3; align++) {
      byte[] prefix = "abcdef".substring(0, align + 3).getBytes(StandardCharsets.UTF_8);
      forms.add(
          interiorOfSecret(
              Base64.getEncoder(), prefix, bytes, "xyz".getBytes(StandardCharsets.UTF_8)));
    }
    return forms;
  }
}
