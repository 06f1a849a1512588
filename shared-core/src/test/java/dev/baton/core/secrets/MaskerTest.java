package dev.baton.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskerTest {
  private static final String TOKEN = "ghp_Zx9Yq2Lm7Pk4Tr8Wv3Nb6Jd1";

  @Test
  void masksThePlainValueWhereverItStands() {
    Masker m = Masker.of(List.of(TOKEN));

    assertThat(m.mask("token=" + TOKEN + ", again:" + TOKEN + "."))
        .isEqualTo("token=****, again:****.");
    assertThat(m.mask("nothing secret here")).isEqualTo("nothing secret here");
  }

  @Test
  void masksBase64OfTheWholeValueInBothAlphabetsWithAndWithoutPadding() {
    String secret = "p>a?s~s>w?o~rd1"; // bytes that differ between the two alphabets
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Masker m = Masker.of(List.of(secret));
    for (Base64.Encoder e :
        List.of(
            Base64.getEncoder(),
            Base64.getEncoder().withoutPadding(),
            Base64.getUrlEncoder(),
            Base64.getUrlEncoder().withoutPadding())) {
      String encoded = e.encodeToString(bytes);
      assertThat(m.mask("echo " + encoded + " done")).isEqualTo("echo **** done");
    }
  }

  @Test
  void masksASecretInsideALongerBase64BlobAtEveryAlignment() {
    Random random = new Random(7);
    byte[] secret = TOKEN.getBytes(StandardCharsets.UTF_8);
    Masker m = Masker.of(List.of(TOKEN));
    for (Base64.Encoder e : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int prefixLength = 0; prefixLength < 9; prefixLength++) {
        for (int suffixLength = 0; suffixLength < 4; suffixLength++) {
          byte[] prefix = new byte[prefixLength];
          byte[] suffix = new byte[suffixLength];
          random.nextBytes(prefix);
          random.nextBytes(suffix);
          String blob = e.encodeToString(EncodedForms.concat(prefix, secret, suffix));
          String leak = EncodedForms.interiorOfSecret(e, prefix, secret, suffix);

          String masked = m.mask(blob);

          assertThat(masked)
              .as("prefix %d, suffix %d bytes", prefixLength, suffixLength)
              .contains("****")
              .doesNotContain(leak);
        }
      }
    }
  }

  @Test
  void masksUrlEncodedForms() {
    String secret = "p@ss w/rd&x=1+y~z";
    Masker m = Masker.of(List.of(secret));
    String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String percentEncoded = "p%40ss%20w%2Frd%26x%3D1%2By~z";

    assertThat(m.mask("curl https://h/?t=" + formEncoded + "&a=1"))
        .isEqualTo("curl https://h/?t=****&a=1");
    assertThat(m.mask("GET /login?pw=" + percentEncoded)).isEqualTo("GET /login?pw=****");
    assertThat(m.mask("GET /login?pw=p%40ss%20w%2frd%26x%3d1%2by~z"))
        .isEqualTo("GET /login?pw=****");
  }

  @Test
  void streamingCatchesSecretsAcrossWritesAndBufferBoundaries() throws IOException {
    StringBuilder text = new StringBuilder();
    Random random = new Random(11);
    String encoded = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    int planted = 0;
    while (text.length() < 300_000) {
      // Filler with no secret in it, then a secret: some land on the 64 KiB buffer boundaries.
      text.append("x".repeat(random.nextInt(9000)));
      text.append(planted % 2 == 0 ? TOKEN : encoded).append('\n');
      planted++;
    }
    for (int boundary = 65_536; boundary < text.length(); boundary += 65_536) {
      text.insert(boundary - 5, TOKEN);
      planted++;
    }
    byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
    Masker m = Masker.of(List.of(TOKEN));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    MaskingOutputStream out = m.filter(sink);
    for (int at = 0; at < input.length; ) {
      int n = Math.min(input.length - at, 1 + random.nextInt(7000));
      if (n == 1) {
        out.write(input[at]);
      } else {
        out.write(input, at, n);
      }
      at += n;
    }
    out.close();
    String masked = sink.toString(StandardCharsets.UTF_8);

    assertThat(masked).doesNotContain(TOKEN).doesNotContain(encoded);
    assertThat(out.masks()).isGreaterThanOrEqualTo(planted - 5);
    assertThat(masked).isEqualTo(m.mask(text.toString()));
  }

  @Test
  void overlappingAndTouchingSecretsBecomeOneMask() {
    Masker m = Masker.of(List.of("abcdef12", "ef12ghij", "zzzzzzzz"));

    assertThat(m.mask("[abcdef12ghij]")).isEqualTo("[****]");
    assertThat(m.mask("[abcdef12zzzzzzzz]")).isEqualTo("[****]");
    assertThat(m.mask("[abcdef1]")).isEqualTo("[abcdef1]");
  }

  @Test
  void aSecretContainingAnotherIsMaskedWhole() {
    Masker m = Masker.of(List.of("token", "my-token-123"));

    assertThat(m.mask("a my-token-123 b token c")).isEqualTo("a **** b **** c");
  }

  @Test
  void linesOfAMultiLineSecretAreMaskedOneByOne() {
    String key =
        "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\nAASCBKcwggSjAgEAAoIBAQC7\n-----END KEY-----";
    Masker m = Masker.of(List.of(key));

    assertThat(m.mask("> AASCBKcwggSjAgEAAoIBAQC7")).isEqualTo("> ****");
  }

  @Test
  void emptyValuesMaskNothingAndShortSecretsKeepOrdinaryText() {
    assertThat(Masker.of(List.of("")).isEmpty()).isTrue();
    Masker m = Masker.of(List.of("abc"));
    // "YWJj" is Base64 of "abc": too short a form to mask without hiding ordinary text.
    assertThat(m.mask("abc YWJj")).isEqualTo("**** YWJj");
  }

  @Test
  void filteringALargeStreamKeepsMemoryBounded() throws IOException {
    Masker m = Masker.of(List.of(TOKEN));
    byte[] line =
        ("some ordinary log output, step 1234 of 5678 " + TOKEN + "\n")
            .getBytes(StandardCharsets.UTF_8);
    CountingStream counter = new CountingStream();
    long written = 0;
    try (MaskingOutputStream out = m.filter(counter)) {
      while (written < 50L * 1024 * 1024) {
        out.write(line);
        written += line.length;
      }
      assertThat(out.masks()).isGreaterThan(0);
    }
    long lines = written / line.length;
    assertThat(counter.count).isEqualTo(written - lines * (TOKEN.length() - 4));
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
