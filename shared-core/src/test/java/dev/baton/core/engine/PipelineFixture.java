package dev.baton.core.engine;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.plan.Plan;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes a descriptor into a temporary workspace and runs it for real through the facade. */
final class PipelineFixture {
  final Path dir;
  final Path file;
  final List<RunEvent> events = new CopyOnWriteArrayList<>();

  PipelineFixture(Path dir, String yaml) {
    this.dir = dir;
    this.file = dir.resolve("baton.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BatonConfig config() {
    return BatonConfig.builder(file).reportDir(dir.resolve("report")).build();
  }

  Plan plan() {
    return new Baton(events::add).plan(config());
  }

  RunOutcome run() {
    return run(config());
  }

  RunOutcome run(BatonConfig config) {
    return new Baton(events::add).run(config);
  }

  static StepRecord step(RunOutcome outcome, String id) {
    return outcome.record().steps().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + id));
  }

  String log(RunOutcome outcome, String id) throws IOException {
    return Files.readString(outcome.reportDir().resolve(step(outcome, id).log()));
  }
}
