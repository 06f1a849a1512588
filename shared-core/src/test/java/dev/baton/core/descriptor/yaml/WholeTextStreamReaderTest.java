package dev.baton.core.descriptor.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * The linear reader gives SnakeYAML's scanner exactly what the library's own reader gives: the same
 * tokens at the same lines, columns and indices, and the same refusals.
 */
class WholeTextStreamReaderTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version: 1\nname: x\nsteps:\n  a: {run: echo hi}\n",
        "a:\r\n  b: 'x y'\r\n  c: \"q\\tz\"\r\n",
        "a:\r  b: c\r",
        "\uFEFFa: b\n",
        "a: |\n  line one\n  line two\n\nb: >-\n  folded\n  text\n",
        "k: [1, 2.5, true, null, \"s\", 'it''s']\n",
        "ünï: cödé 😀 \u2028 next\u0085 x\n",
        "? complex key\n: value\n",
        "a: b # comment\n# only a comment\n",
        "a: [unclosed\n",
        "a: 'unclosed\n",
        "a:\n\tb: tab\n",
        "",
      })
  void scansToTheSameTokensAtTheSamePlacesAsTheLibrarysReader(String text) {
    assertThat(tokens(new WholeTextStreamReader(text)))
        .isEqualTo(tokens(new StreamReader(new StringReader(text))));
  }

  @Test
  void longTextsScanTheSame() {
    StringBuilder text = new StringBuilder("steps:\n");
    for (int i = 0; i < 3_000; i++) {
      text.append("  s")
          .append(i)
          .append(": {run: 'echo ")
          .append("z".repeat(i % 700))
          .append("'}\n");
    }
    text.append("  last: ").append("w".repeat(5_000)).append('\n');
    String t = text.toString();
    assertThat(tokens(new WholeTextStreamReader(t)))
        .isEqualTo(tokens(new StreamReader(new StringReader(t))));
  }

  @Test
  void aControlCharacterIsRefusedAsTheLibraryRefusesIt() {
    String text = "a: b\nc: d\u0007e\n";
    assertThat(tokens(new WholeTextStreamReader(text)))
        .last()
        .asString()
        .contains("special characters are not allowed");
    assertThat(tokens(new StreamReader(new StringReader(text))))
        .last()
        .asString()
        .contains("special characters are not allowed");
  }

  /** Each token with its start and end, then the scanner's error if it stops on one. */
  private static List<String> tokens(StreamReader reader) {
    List<String> out = new ArrayList<>();
    try {
      ScannerImpl scanner = new ScannerImpl(reader, new LoaderOptions());
      while (!scanner.checkToken(Token.ID.StreamEnd)) {
        Token t = scanner.getToken();
        String value = t instanceof ScalarToken s ? s.getValue() + " " + s.getStyle() : "";
        out.add(
            t.getTokenId() + " " + at(t.getStartMark()) + "-" + at(t.getEndMark()) + " " + value);
      }
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      int nl = message.indexOf('\n');
      out.add("error: " + (nl < 0 ? message : message.substring(0, nl)));
    }
    return out;
  }

  private static String at(Mark m) {
    return m.getLine() + ":" + m.getColumn() + "@" + m.getIndex();
  }
}
