package dev.baton.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepOutputFileTest {
  @TempDir Path dir;

  private static Map<String, String> outputs(String text) {
    StepOutputFile.Result r = StepOutputFile.parse(text, "gen");
    assertThat(r).isInstanceOf(StepOutputFile.Read.class);
    return ((StepOutputFile.Read) r).outputs();
  }

  private static String error(String text) {
    StepOutputFile.Result r = StepOutputFile.parse(text, "gen");
    assertThat(r).isInstanceOf(StepOutputFile.Invalid.class);
    return ((StepOutputFile.Invalid) r).message();
  }

  @Test
  void readsNameValueLinesInOrderWithTheValueKeptWhole() {
    assertThat(outputs("b=2\na=x=y\nempty=\n"))
        .containsExactly(Map.entry("b", "2"), Map.entry("a", "x=y"), Map.entry("empty", ""));
  }

  @Test
  void aLaterValueReplacesAnEarlierOneAndEmptyLinesAreIgnored() {
    assertThat(outputs("acc=0.1\n\n\nacc=0.9")).containsExactly(Map.entry("acc", "0.9"));
  }

  @Test
  void readsMultiLineValuesBetweenDelimiters() {
    assertThat(outputs("json<<EOF\n[1,\n 2]\nEOF\nafter=1\n"))
        .containsExactly(Map.entry("json", "[1,\n 2]"), Map.entry("after", "1"));
    assertThat(outputs("e<<X\nX\n")).containsExactly(Map.entry("e", ""));
    // A heredoc value may hold '=' and '<<'; the first of the two on the name line decides.
    assertThat(outputs("v<<END\na=b<<c\nEND\n")).containsExactly(Map.entry("v", "a=b<<c"));
  }

  @Test
  void acceptsCrlfLineEnds() {
    assertThat(outputs("a=1\r\nm<<E\r\nx\r\nE\r\n"))
        .containsExactly(Map.entry("a", "1"), Map.entry("m", "x"));
  }

  @Test
  void aMissingDelimiterIsAnErrorNamingTheStepTheLineAndTheFix() {
    assertThat(error("ok=1\nnotes<<EOF\nline\n"))
        .contains("step gen", "$BATON_OUTPUT line 2", "notes", "EOF", "end the value with a line");
  }

  @Test
  void aLineWithoutEqualsOrDelimiterIsAnError() {
    assertThat(error("a=1\njust text\n")).contains("line 2", "'just text'", "name=value");
  }

  @Test
  void badNamesAreErrors() {
    assertThat(error("=1\n")).contains("line 1", "no name");
    assertThat(error("a b=1\n")).contains("'a b' is not an output name");
    assertThat(error("x<<\n")).contains("no delimiter");
  }

  @Test
  void moreThanTheMostOutputsIsAnError() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i <= StepOutputFile.MAX_OUTPUTS; i++) {
      s.append("o").append(i).append("=v\n");
    }
    assertThat(error(s.toString())).contains("more than 1000 outputs", "line 1001");
  }

  @Test
  void aNulCharacterIsAnError() {
    assertThat(error("a=x\0y\n")).contains("NUL");
  }

  @Test
  void aMissingFileMeansNoOutputs() {
    assertThat(StepOutputFile.read(dir.resolve("none"), "gen"))
        .isEqualTo(new StepOutputFile.Read(Map.of()));
  }

  @Test
  void aFileLargerThanTheBoundIsRefusedWithoutReadingItAll() throws IOException {
    Path big = dir.resolve("big");
    Files.write(big, new byte[(int) StepOutputFile.MAX_BYTES + 10]);
    assertThat(StepOutputFile.read(big, "gen"))
        .isInstanceOfSatisfying(
            StepOutputFile.Invalid.class,
            i -> assertThat(i.message()).contains("step gen", "larger than 1 MiB"));
  }

  @Test
  void binaryContentIsRefused() throws IOException {
    Path bin = dir.resolve("bin");
    Files.write(bin, new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThat(StepOutputFile.read(bin, "gen"))
        .isInstanceOfSatisfying(
            StepOutputFile.Invalid.class,
            i -> assertThat(i.message()).contains("step gen", "not UTF-8"));
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    assertThat(StepOutputFile.read(fifo, "gen"))
        .isInstanceOfSatisfying(
            StepOutputFile.Invalid.class, i -> assertThat(i.message()).contains("FIFO"));
  }

  @Test
  void aLinkToDevZeroIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
    assertThat(StepOutputFile.read(link, "gen"))
        .isInstanceOfSatisfying(
            StepOutputFile.Invalid.class, i -> assertThat(i.message()).contains("symbolic link"));
  }

  @Test
  void readsAFileAStepWrote() throws IOException {
    Path f = Files.writeString(dir.resolve("out"), "best=0.93\n", StandardCharsets.UTF_8);
    assertThat(StepOutputFile.read(f, "gen"))
        .isEqualTo(new StepOutputFile.Read(Map.of("best", "0.93")));
  }
}
