package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step output streams through Baton (followed for the console, masked for secrets, written to the
 * log) in bounded memory: {@code baton run} in a JVM whose heap is a third of what each step
 * prints. A heap that grew with the output would run out and end the JVM (exit 3 with {@code
 * -XX:+ExitOnOutOfMemoryError}), whichever thread held on to it.
 */
class LargeOutputHeapTest {
  private static final long MIB = 1024 * 1024;

  /** What each step prints: three times the heap. */
  private static final long OUTPUT = 48 * MIB;

  /** About twice what a run of two quiet steps needs. */
  private static final String HEAP = "-Xmx16m";

  private static final String TOKEN = "tk_heap_9f2Qx";

  @TempDir Path dir;

  @Test
  void largeOutputGoesToTheLogWithoutGrowingTheHeap() throws Exception {
    Files.writeString(dir.resolve("token.txt"), TOKEN + "\n");
    Files.writeString(
        dir.resolve("baton.yaml"),
        """
        version: 1
        name: loud
        secrets:
          TOKEN: {file: token.txt}
        steps:
          lines:
            secrets: [TOKEN]
            run: 'echo "$TOKEN"; head -c %1$d /dev/zero | tr "\\0" x | fold -w 100'
          oneline: {run: 'head -c %1$d /dev/zero | tr "\\0" y'}
        """
            .formatted(OUTPUT));
    List<String> command =
        new ArrayList<>(BatonProcess.command("run", "baton.yaml", "--report-dir", "report"));
    command.addAll(1, List.of(HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
    Path console = dir.resolve("console.txt");

    Process baton = BatonProcess.start(dir, console, command);
    boolean ended = baton.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      baton.destroyForcibly();
    }

    String end = tail(console, 4096);
    assertThat(ended).as("baton ended within 5 minutes").isTrue();
    assertThat(baton.exitValue()).as(end).isZero();
    assertThat(end).contains("loud: SUCCEEDED").doesNotContain("OutOfMemoryError");
    Path logs = dir.resolve("report/logs");
    assertThat(Files.size(logs.resolve("lines.log"))).isGreaterThanOrEqualTo(OUTPUT);
    assertThat(Files.size(logs.resolve("oneline.log"))).isEqualTo(OUTPUT);
    try (var lines = Files.lines(logs.resolve("lines.log"))) {
      assertThat(lines.findFirst()).contains("****");
    }
  }

  /** The last {@code bytes} of {@code file}: the console is far too large to read whole. */
  private static String tail(Path file, int bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, f.length() - bytes);
      byte[] buf = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8);
    }
  }
}
