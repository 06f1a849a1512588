package dev.baton.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The texts one secret can appear as in a log: itself, and the forms programs commonly print a
 * string in — JSON string literals, URL encodings, shell quoting ({@link TextEncodings}) and
 * Base64.
 *
 * <p>Base64 covers the standard and URL-safe alphabets, with and without padding, and the part of
 * the encoding that the secret alone decides when it sits inside a longer encoded blob, at each of
 * the three byte alignments. Derived forms shorter than {@link #MIN_DERIVED} characters are left
 * out: they would mask ordinary text.
 */
final class MaskForms {
  static final int MIN_DERIVED = 6;

  /** Lines of a multi-line secret (a PEM key) are masked one by one when at least this long. */
  static final int MIN_LINE = 8;

  private MaskForms() {}

  /** Every form of {@code value}; empty for an empty value. */
  static Set<String> of(String value) {
    Set<String> forms = new LinkedHashSet<>();
    if (value.isEmpty()) {
      return forms;
    }
    forms.add(value);
    Set<String> derived = new LinkedHashSet<>();
    if (value.contains("\n")) {
      for (String line : value.split("\r?\n", -1)) {
        if (line.strip().length() >= MIN_LINE) {
          derived.add(line.strip());
          derived.addAll(TextEncodings.json(line.strip()));
        }
      }
    }
    derived.addAll(TextEncodings.json(value));
    derived.addAll(TextEncodings.url(value));
    derived.addAll(TextEncodings.shell(value));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder :
        new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
      derived.add(encoder.encodeToString(bytes));
      for (int align = 0; align < 3; align++) {
        derived.add(embedded(encoder.withoutPadding(), bytes, align));
      }
    }
    for (String form : derived) {
      if (form.length() >= MIN_DERIVED) {
        forms.add(form);
      }
    }
    return forms;
  }

  /**
   * The Base64 characters that only the secret's bits decide when it starts {@code align} bytes
   * after a 3-byte boundary of a longer encoded stream: the same whatever comes before or after.
   */
  static String embedded(Base64.Encoder unpadded, byte[] secret, int align) {
    byte[] shifted = new byte[align + secret.length];
    System.arraycopy(secret, 0, shifted, align, secret.length);
    String encoded = unpadded.encodeToString(shifted);
    int firstBit = 8 * align;
    int endBit = 8 * (align + secret.length);
    int from = (firstBit + 5) / 6;
    int to = endBit / 6;
    return to > from ? encoded.substring(from, to) : "";
  }
}
