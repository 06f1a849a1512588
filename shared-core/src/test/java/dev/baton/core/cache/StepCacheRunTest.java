package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.events.RunEvent.CacheAction;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real pipeline twice and more: each step appends a line to its own counter file, outside
 * its outputs, so the counters show which steps really ran.
 */
class StepCacheRunTest {
  private static final String PIPELINE =
      """
      version: 1
      name: chain
      steps:
        fetch:
          run: mkdir -p counts build && echo x >> counts/fetch && cp data/raw.txt build/raw.txt
          cache: true
          inputs: [data/raw.txt]
          outputs: [build/raw.txt]
        clean:
          needs: [fetch]
          run: echo x >> counts/clean && tr a-z A-Z < build/raw.txt > build/clean.txt
          cache: true
          inputs: [build/raw.txt]
          outputs: [build/clean.txt]
        train:
          needs: [clean]
          matrix: {lr: ['0.1', '0.2']}
          run: >-
            echo x >> counts/train-${{ matrix.lr }} && mkdir -p build/model-${{ matrix.lr }}
            && cat build/clean.txt conf/train.txt > build/model-${{ matrix.lr }}/weights
            && echo ${{ matrix.lr }} >> build/model-${{ matrix.lr }}/weights
          cache: true
          inputs: [build/clean.txt, 'conf/*.txt']
          outputs: ['build/model-${{ matrix.lr }}/']
        lint:
          run: mkdir -p counts build && echo x >> counts/lint && wc -c < src/code.txt > build/lint.txt
          cache: true
          inputs: [src/]
          outputs: [build/lint.txt]
        report:
          needs: [train, lint]
          run: echo x >> counts/report
      """;

  @TempDir Path ws;
  final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void workspace() throws Exception {
    Files.writeString(ws.resolve("baton.yaml"), PIPELINE);
    write("data/raw.txt", "hello\n");
    write("conf/train.txt", "epochs=3\n");
    write("src/code.txt", "print(1)\n");
  }

  private void write(String rel, String content) throws Exception {
    Files.createDirectories(ws.resolve(rel).getParent());
    Files.writeString(ws.resolve(rel), content);
  }

  private RunOutcome run(boolean noCache) {
    events.clear();
    return new Baton(events::add)
        .run(BatonConfig.builder(ws.resolve("baton.yaml")).parallel(2).noCache(noCache).build());
  }

  private Map<String, Long> counters() throws Exception {
    try (var files = Files.list(ws.resolve("counts"))) {
      return files.collect(
          Collectors.toMap(
              f -> f.getFileName().toString(),
              f -> {
                try {
                  return Files.readAllLines(f).stream().count();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    }
  }

  private static Map<String, StepState> states(RunOutcome o) {
    return o.record().steps().stream()
        .collect(Collectors.toMap(StepRecord::id, StepRecord::status));
  }

  private List<String> actions(CacheAction action) {
    return events.stream()
        .filter(e -> e instanceof RunEvent.StepCache c && c.action() == action)
        .map(e -> ((RunEvent.StepCache) e).stepId())
        .sorted()
        .toList();
  }

  @Test
  void aSecondRunRunsNothingAndAChangedInputRerunsExactlyWhatDependsOnIt() throws Exception {
    RunOutcome first = run(false);
    assertThat(first.succeeded()).as(first.record().toString()).isTrue();
    assertThat(actions(CacheAction.STORED))
        .containsExactly("clean", "fetch", "lint", "train[lr=0.1]", "train[lr=0.2]");
    Map<String, Long> afterFirst = counters();
    assertThat(afterFirst.values()).containsOnly(1L);

    Files.delete(ws.resolve("build/clean.txt"));
    RunOutcome second = run(false);

    assertThat(second.succeeded()).isTrue();
    assertThat(states(second))
        .containsEntry("fetch", StepState.CACHED)
        .containsEntry("clean", StepState.CACHED)
        .containsEntry("train[lr=0.1]", StepState.CACHED)
        .containsEntry("train[lr=0.2]", StepState.CACHED)
        .containsEntry("lint", StepState.CACHED)
        .containsEntry("report", StepState.SUCCEEDED);
    Map<String, Long> expected = new HashMap<>(afterFirst);
    expected.merge("report", 1L, Long::sum);
    assertThat(counters()).isEqualTo(expected);
    assertThat(Files.readString(ws.resolve("build/clean.txt"))).isEqualTo("HELLO\n");
    assertThat(Files.readString(ws.resolve("build/model-0.2/weights")))
        .isEqualTo("HELLO\nepochs=3\n0.2\n");
    assertThat(Files.readString(second.reportDir().resolve("run.json"))).contains("\"CACHED\"");
    StepRecord cachedLint =
        second.record().steps().stream().filter(r -> r.id().equals("lint")).findFirst().get();
    assertThat(cachedLint.attempts())
        .singleElement()
        .satisfies(a -> assertThat(a.exitCode()).isNull());
    assertThat(cachedLint.message()).startsWith("outputs restored from cache entry ");
    assertThat(Files.readString(second.reportDir().resolve("junit.xml"))).contains("cache");

    write("data/raw.txt", "changed\n");
    RunOutcome third = run(false);

    assertThat(states(third))
        .containsEntry("fetch", StepState.SUCCEEDED)
        .containsEntry("clean", StepState.SUCCEEDED)
        .containsEntry("train[lr=0.1]", StepState.SUCCEEDED)
        .containsEntry("train[lr=0.2]", StepState.SUCCEEDED)
        .containsEntry("lint", StepState.CACHED);
    assertThat(counters())
        .containsEntry("fetch", 2L)
        .containsEntry("clean", 2L)
        .containsEntry("train-0.1", 2L)
        .containsEntry("train-0.2", 2L)
        .containsEntry("lint", 1L);
    assertThat(Files.readString(ws.resolve("build/model-0.1/weights"))).startsWith("CHANGED");

    write("conf/train.txt", "epochs=4\n");
    run(false);
    assertThat(counters())
        .containsEntry("fetch", 2L)
        .containsEntry("clean", 2L)
        .containsEntry("train-0.1", 3L)
        .containsEntry("train-0.2", 3L)
        .containsEntry("lint", 1L);
  }

  @Test
  void noCacheRunsEverythingAndAFlippedByteRerunsTheStep() throws Exception {
    run(false);
    RunOutcome forced = run(true);
    assertThat(states(forced).values()).doesNotContain(StepState.CACHED);
    assertThat(counters().get("lint")).isEqualTo(2L);

    Path entries = CacheStore.rootFor(ws);
    for (Path entry : Files.list(entries).toList()) {
      String manifest = Files.readString(entry.resolve("manifest.txt"));
      if (manifest.contains("build/lint.txt")) {
        Path blob = Files.list(entry.resolve("files")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[0] ^= 0x10;
        Files.write(blob, bytes);
      }
    }
    RunOutcome afterFlip = run(false);
    assertThat(states(afterFlip)).containsEntry("lint", StepState.SUCCEEDED);
    assertThat(actions(CacheAction.DISCARDED)).containsExactly("lint");
    assertThat(counters().get("lint")).isEqualTo(3L);
    assertThat(Files.readString(ws.resolve("build/lint.txt")).strip()).isEqualTo("9");
  }

  @Test
  void anOutputThatCannotBeRestoredIsAMissAndTheStepRuns() throws Exception {
    run(false);
    Files.delete(ws.resolve("build/lint.txt"));
    Files.createDirectories(ws.resolve("build/lint.txt/in-the-way"));
    RunOutcome again = run(false);
    assertThat(states(again).get("lint")).isNotEqualTo(StepState.CACHED);
    assertThat(counters().get("lint")).isEqualTo(2L);
    assertThat(
            events.stream()
                .filter(e -> e instanceof RunEvent.StepCache c && c.action() == CacheAction.MISS)
                .map(Object::toString))
        .anySatisfy(s -> assertThat(s).contains("lint").contains("cannot be restored"));
  }

  @Test
  void aPromisedOutputThatIsMissingFailsTheStepAndAnEmptyPatternNamesIt() throws Exception {
    Files.writeString(
        ws.resolve("baton.yaml"),
        """
        version: 1
        name: broken
        steps:
          lazy:
            run: 'true'
            cache: true
            inputs: [src/code.txt]
            outputs: [build/never.bin]
          picky:
            run: 'true'
            cache: true
            inputs: ['data/*.parquet']
        """);
    RunOutcome o = run(false);
    StepRecord lazy =
        o.record().steps().stream().filter(s -> s.id().equals("lazy")).findFirst().orElseThrow();
    StepRecord picky =
        o.record().steps().stream().filter(s -> s.id().equals("picky")).findFirst().orElseThrow();
    assertThat(lazy.status()).isEqualTo(StepState.FAILED);
    assertThat(lazy.message()).contains("did not produce its declared output 'build/never.bin'");
    assertThat(picky.status()).isEqualTo(StepState.FAILED);
    assertThat(picky.message()).contains("'data/*.parquet' matches no file");
  }
}
