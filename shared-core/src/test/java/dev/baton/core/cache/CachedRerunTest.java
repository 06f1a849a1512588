package dev.baton.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.events.RunEvent;
import dev.baton.core.events.RunEvent.CacheAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: what a hit did with the outputs, as its typed event tells. */
class CachedRerunTest {
  @TempDir Path ws;

  private String hitDetail() {
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    new Baton(events::add).run(BatonConfig.of(ws.resolve("baton.yaml")));
    return events.stream()
        .filter(e -> e instanceof RunEvent.StepCache c && c.action() == CacheAction.HIT)
        .map(e -> ((RunEvent.StepCache) e).detail())
        .findFirst()
        .orElse("no hit");
  }

  @Test
  void aReRunLeavesTheOutputInPlaceAndARunAfterItWasDeletedPutsItBack() throws Exception {
    Files.writeString(
        ws.resolve("baton.yaml"),
        """
        version: 1
        name: one
        steps:
          train:
            run: mkdir -p out && cat train.txt train.txt > out/model.bin
            cache: true
            inputs: [train.txt]
            outputs: [out/model.bin]
        """);
    Files.writeString(ws.resolve("train.txt"), "epochs=3\n");
    assertThat(hitDetail()).isEqualTo("no hit");

    assertThat(hitDetail()).isEqualTo("1 output already in place");

    Files.delete(ws.resolve("out/model.bin"));
    assertThat(hitDetail()).matches("1 file by (copy|reflink)");
    assertThat(Files.readString(ws.resolve("out/model.bin"))).isEqualTo("epochs=3\nepochs=3\n");
  }
}
