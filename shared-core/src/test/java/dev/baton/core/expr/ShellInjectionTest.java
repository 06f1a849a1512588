package dev.baton.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs rendered commands through a real POSIX shell to prove a value stays one literal word. */
class ShellInjectionTest {
  static final List<String> NASTY_VALUES =
      List.of(
          "x; touch pwned #",
          "$(touch pwned)",
          "`touch pwned`",
          "a\ntouch pwned",
          "line1\nline2\n",
          "it's",
          "'; touch pwned; '",
          "''",
          "\"",
          "\"; touch pwned; \"",
          "\\",
          "\\'",
          "'\"'\"'",
          "$HOME",
          "${IFS}touch${IFS}pwned",
          "$((1+1))",
          "*",
          "~",
          "~root",
          "-n",
          "",
          " ",
          "  leading and trailing  ",
          "tab\there",
          "a && touch pwned",
          "a || touch pwned",
          "a | touch pwned",
          "> pwned",
          "< /etc/passwd",
          "a & touch pwned",
          "!",
          "#",
          "{a,b}",
          "a,b",
          "1..3",
          "X=1",
          "if",
          "done",
          "%1",
          "$'\\x41'",
          "carriage\rreturn",
          "-- --");

  static Stream<Arguments> valuesAndShells() {
    return Stream.of("sh", "bash")
        .filter(ShellInjectionTest::isInstalled)
        .flatMap(shell -> NASTY_VALUES.stream().map(value -> Arguments.of(shell, value)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesAndShells")
  void aBareValueReachesTheProcessAsOneLiteralArgument(
      String shell, String value, @TempDir Path dir) throws Exception {
    assertRunsLiterally(shell, "printf '%s\\n' ${{ params.v }}", value, value + "\n", dir);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesAndShells")
  void aValueInsideDoubleQuotesJoinsTheWordLiterally(String shell, String value, @TempDir Path dir)
      throws Exception {
    assertRunsLiterally(
        shell, "printf '%s\\n' \"[$X ${{ params.v }}]\"", value, "[x " + value + "]\n", dir);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesAndShells")
  void aValueInsideSingleQuotesJoinsTheWordLiterally(String shell, String value, @TempDir Path dir)
      throws Exception {
    assertRunsLiterally(
        shell, "printf '%s\\n' '[$X ${{ params.v }}]'", value, "[$X " + value + "]\n", dir);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valuesAndShells")
  void aValueInsideCommandSubstitutionStaysLiteral(String shell, String value, @TempDir Path dir)
      throws Exception {
    assertRunsLiterally(
        shell,
        "printf '%s\\n' \"$(printf '%s' pre${{ params.v }}post)\"",
        value,
        "pre" + value + "post\n",
        dir);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "echo `echo ${{ params.v }}`",
        "echo ${X:-${{ params.v }}}",
        "echo $((${{ params.v }} + 1))",
        "echo hi # ${{ params.v }}",
        "echo \\${{ params.v }}",
        "echo \"\\${{ params.v }}\"",
        "echo $${{ params.v }}",
        "cat <<EOF\n${{ params.v }}\nEOF",
        "cat <<EOF\nx\nEOF\necho ${{ params.v }}",
        "echo $'a' ${{ params.v }}",
        "echo $(case x in x) echo ${{ params.v }};; esac)",
        "echo `echo \"`\" ${{ params.v }}"
      })
  void refusesPlacesWhereNoQuotingIsSafe(String command) {
    Template template = Template.parse(command);
    ExpressionException e =
        catchThrowableOfType(
            () -> template.render(bindings("x"), Quoting.SHELL), ExpressionException.class);
    assertThat(e).isNotNull();
    assertThat(e.offset()).isEqualTo(command.indexOf("${{"));
    assertThat(e.problem()).startsWith("${{ params.v }} cannot be shell-quoted");
    assertThat(e.hint()).contains("V=${{ params.v }}");
    // without shell quoting the same template renders: it is only unsafe for a shell
    assertThat(template.render(bindings("x"), Quoting.NONE)).contains("x");
  }

  private static void assertRunsLiterally(
      String shell, String command, String value, String expected, Path dir) throws Exception {
    String rendered = Template.parse(command).render(bindings(value), Quoting.SHELL);
    ProcessBuilder builder = new ProcessBuilder(shell, "-c", rendered).directory(dir.toFile());
    builder.environment().put("X", "x");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(output, StandardCharsets.UTF_8))
        .as("output of %s -c %s", shell, rendered)
        .isEqualTo(expected);
    assertThat(process.exitValue()).isZero();
    try (Stream<Path> created = Files.list(dir)) {
      assertThat(created).as("files created by %s", rendered).isEmpty();
    }
  }

  private static Bindings bindings(String value) {
    return Bindings.of(Map.of("params", Map.of("v", value)));
  }

  private static boolean isInstalled(String shell) {
    try {
      return new ProcessBuilder(shell, "-c", "exit 0").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
