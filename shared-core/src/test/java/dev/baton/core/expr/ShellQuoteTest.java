package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"main", "0.001", "data/churn.csv", "--lr", "a_b-c", "user@host:8080", "50%", "+1"})
  void leavesPlainWordsBare(String word) {
    assertThat(ShellQuote.quote(word)).isEqualTo(word);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|''",
        "a b|'a b'",
        "it's|'it'\"'\"'s'",
        "$(id)|'$(id)'",
        "x; rm -rf /|'x; rm -rf /'",
        "a=b|'a=b'",
        "a,b|'a,b'",
        "if|'if'",
        "~root|'~root'",
        "*|'*'",
        "''|''\"'\"''\"'\"''"
      })
  void singleQuotesEverythingElse(String value, String quoted) {
    assertThat(ShellQuote.quote(value)).isEqualTo(quoted);
  }

  @Test
  void refusesNulWhichNoShellWordCanCarry() {
    assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }
}
