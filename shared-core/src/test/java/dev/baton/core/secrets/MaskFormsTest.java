package dev.baton.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encodings programs print a secret in. The expected texts were printed by the tools named
 * (Python 3.12, Node 20, bash 5) for {@link #SECRET}, which has every character those encodings
 * treat specially: a quote, a backslash, a slash, a tilde, spaces, an apostrophe, HTML's {@code
 * <&>}, a Latin letter outside ASCII and an emoji outside the BMP.
 */
class MaskFormsTest {
  private static final String SECRET = "p\"a\\s/s~w é rd'x<&>\uD83D\uDE00";

  private static final List<String> PRINTED =
      List.of(
          // Python json.dumps(s): ASCII only, lower-case hex, surrogate pairs
          "p\\\"a\\\\s/s~w \\u00e9 rd'x<&>\\ud83d\\ude00",
          // Jackson / Java with ASCII escaping: upper-case hex
          "p\\\"a\\\\s/s~w \\u00E9 rd'x<&>\\uD83D\\uDE00",
          // Python json.dumps(s, ensure_ascii=False), JavaScript JSON.stringify(s)
          "p\\\"a\\\\s/s~w é rd'x<&>\uD83D\uDE00",
          // PHP json_encode(s): \/ and lower-case \\u
          "p\\\"a\\\\s\\/s~w \\u00e9 rd'x<&>\\ud83d\\ude00",
          // Go json.Marshal(s): raw UTF-8, HTML-safe
          "p\\\"a\\\\s/s~w é rd'x\\u003c\\u0026\\u003e\uD83D\uDE00",
          // Python urllib.parse.quote(s)
          "p%22a%5Cs/s~w%20%C3%A9%20rd%27x%3C%26%3E%F0%9F%98%80",
          // Python urllib.parse.quote(s, safe='')
          "p%22a%5Cs%2Fs~w%20%C3%A9%20rd%27x%3C%26%3E%F0%9F%98%80",
          // Python urllib.parse.quote_plus(s)
          "p%22a%5Cs%2Fs~w+%C3%A9+rd%27x%3C%26%3E%F0%9F%98%80",
          // Java URLEncoder.encode(s, UTF_8)
          "p%22a%5Cs%2Fs%7Ew+%C3%A9+rd%27x%3C%26%3E%F0%9F%98%80",
          // JavaScript encodeURIComponent(s), and lower-case hex of it
          "p%22a%5Cs%2Fs~w%20%C3%A9%20rd'x%3C%26%3E%F0%9F%98%80",
          "p%22a%5cs%2fs~w%20%c3%a9%20rd'x%3c%26%3e%f0%9f%98%80",
          // JavaScript encodeURI(s)
          "p%22a%5Cs/s~w%20%C3%A9%20rd'x%3C&%3E%F0%9F%98%80",
          // Python shlex.quote(s), without its outer quotes
          "p\"a\\s/s~w é rd'\"'\"'x<&>\uD83D\uDE00",
          // the common '\'' idiom
          "p\"a\\s/s~w é rd'\\''x<&>\uD83D\uDE00",
          // bash printf %q
          "p\\\"a\\\\s/s~w\\ é\\ rd\\'x\\<\\&\\>\uD83D\uDE00",
          // inside double quotes
          "p\\\"a\\\\s/s~w é rd'x<&>\uD83D\uDE00",
          // Python base64.b64encode(s.encode())
          "cCJhXHMvc353IMOpIHJkJ3g8Jj7wn5iA");

  @Test
  void masksTheSecretAsJsonUrlEncodingShellQuotingAndBase64PrintIt() {
    Masker m = Masker.of(List.of(SECRET));

    for (String printed : PRINTED) {
      assertThat(m.mask("out: " + printed + " end")).as(printed).isEqualTo("out: **** end");
    }
  }

  @Test
  void aJsonEscapedSecretIsMaskedInsideAJsonDocumentThatStaysJson() {
    Masker m = Masker.of(List.of("tok\"en/é"));

    assertThat(m.mask("{\"token\": \"tok\\\"en/\\u00e9\", \"n\": 1}"))
        .isEqualTo("{\"token\": \"****\", \"n\": 1}");
  }

  @Test
  void aSecretNeedingNoEscapesHasNoExtraForms() {
    Masker m = Masker.of(List.of("ghp_Zx9Yq2Lm7Pk4Tr8Wv3Nb6Jd1"));

    // The value, its Base64 forms (two alphabets, padded or not, three alignments) only.
    assertThat(m.patternCount()).isLessThanOrEqualTo(1 + 2 * 4);
  }

  /**
   * The automaton against the obvious reference: at every position, try every form; mask the union
   * of what matched. Random secrets over a small alphabet, so forms overlap, nest and repeat.
   */
  @Test
  void streamingMaskingAgreesWithTryingEveryFormAtEveryPosition() throws IOException {
    Random random = new Random(20261206);
    String alphabet = "ab/\"é ~";
    for (int round = 0; round < 400; round++) {
      List<String> secrets = new ArrayList<>();
      for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
        secrets.add(randomText(random, alphabet, 1 + random.nextInt(8)));
      }
      Masker m = Masker.of(secrets);
      List<byte[]> forms = new ArrayList<>();
      for (String s : secrets) {
        MaskForms.of(s).forEach(f -> forms.add(f.getBytes(StandardCharsets.UTF_8)));
      }
      StringBuilder text = new StringBuilder();
      for (int k = 0, n = random.nextInt(12); k < n; k++) {
        text.append(randomText(random, alphabet + "\\%2F", random.nextInt(6)));
        List<String> all =
            new ArrayList<>(MaskForms.of(secrets.get(random.nextInt(secrets.size()))));
        text.append(all.get(random.nextInt(all.size())));
      }
      byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);

      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      try (MaskingOutputStream out = m.filter(streamed)) {
        for (int at = 0; at < input.length; ) {
          int n = Math.min(input.length - at, 1 + random.nextInt(5));
          out.write(input, at, n);
          at += n;
        }
      }

      assertThat(streamed.toByteArray())
          .as("secrets %s in %s", secrets, text)
          .isEqualTo(reference(forms, input));
    }
  }

  private static byte[] reference(List<byte[]> forms, byte[] input) {
    boolean[] covered = new boolean[input.length];
    for (int at = 0; at < input.length; at++) {
      for (byte[] f : forms) {
        if (at + f.length <= input.length && regionMatches(input, at, f)) {
          for (int k = 0; k < f.length; k++) {
            covered[at + k] = true;
          }
        }
      }
    }
    // Stretches that overlap or touch become one mask.
    boolean[] touching = covered.clone();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < input.length; at++) {
      if (!touching[at]) {
        out.write(input[at]);
      } else if (at == 0 || !touching[at - 1]) {
        out.writeBytes(Masker.MASK_BYTES);
      }
    }
    return out.toByteArray();
  }

  private static boolean regionMatches(byte[] input, int at, byte[] f) {
    for (int k = 0; k < f.length; k++) {
      if (input[at + k] != f[k]) {
        return false;
      }
    }
    return true;
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < length; k++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
