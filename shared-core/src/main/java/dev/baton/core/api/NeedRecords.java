package dev.baton.core.api;

import dev.baton.core.errors.UsageException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.plan.PlannedStep;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The records of the steps one step needs, which an outside engine (the Jenkins library) ran
 * earlier, one step at a time, and handed over as the report directories those runs wrote: what
 * {@code needs.<step>.outputs}, {@code .result} and {@code .cells} read for them.
 */
final class NeedRecords {
  /**
   * How deep below the directory a {@code run.json} is looked for: {@code <dir>/a/b/c/run.json}.
   */
  static final int DEPTH = 4;

  private NeedRecords() {}

  /** The step records of {@code step}'s needs found in {@code dir}, by id; later files win. */
  static Map<String, StepRecord> read(Path dir, PlannedStep step) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "the directory of the needs' run records "
              + dir
              + " does not exist; pass the directory the needs' report directories were put in");
    }
    Set<String> wanted = Set.copyOf(step.needs());
    Map<String, StepRecord> found = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> all =
        Files.find(
            dir,
            DEPTH,
            (p, attributes) ->
                attributes.isRegularFile()
                    && p.getFileName().toString().equals(RunRecordJson.FILE_NAME))) {
      files = all.sorted().toList();
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the needs' run records in "
              + dir
              + ": "
              + IoFailures.reason(e)
              + "; check that the directory is readable");
    }
    for (Path file : files) {
      RunRecord record = RunRecordJson.read(file);
      for (StepRecord s : record.steps()) {
        if (wanted.contains(s.id())) {
          found.put(s.id(), s);
        }
      }
    }
    return found;
  }
}
