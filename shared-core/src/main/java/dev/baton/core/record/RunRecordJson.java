package dev.baton.core.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.FileRefusedException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@code run.json}: pretty-printed, fields in record order, enums by name,
 * instants as ISO-8601 UTC with milliseconds (see docs/run-record.md).
 */
public final class RunRecordJson {
  /** The file name of the run record inside a report directory. */
  public static final String FILE_NAME = "run.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new MillisInstantModule())
          // Newer Batons may add fields; an older `baton report` should still read the record.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

  /** Leaves the stream open: the file is forced to disk after the record is written. */
  private static final ObjectWriter STREAMING_WRITER =
      WRITER.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private RunRecordJson() {}

  /** The record as pretty-printed JSON text ending in a newline. */
  public static String toJson(RunRecord record) {
    try {
      return WRITER.writeValueAsString(record) + "\n";
    } catch (JsonProcessingException e) {
      // Only values outside the documented result types can get here: a programming error.
      throw new IllegalArgumentException("run record cannot be written as JSON: " + e, e);
    }
  }

  /** Room for runs of many thousand steps; larger, the file is not a run record. */
  static final long MAX_BYTES = 256 * UserFiles.MiB;

  /** Parses run-record JSON text; {@code source} names where it came from in error messages. */
  public static RunRecord fromJson(String json, String source) {
    try {
      RunRecord record = MAPPER.readValue(json, RunRecord.class);
      if (record == null) {
        throw new UsageException(source + " is empty; " + REGENERATE_HINT);
      }
      String missing = firstMissingField(record);
      if (missing != null) {
        throw new UsageException(
            source + " is not a valid run record (" + missing + "); " + REGENERATE_HINT);
      }
      return record;
    } catch (JsonProcessingException e) {
      throw new UsageException(
          source + " is not a valid run record (" + describe(e) + "); " + REGENERATE_HINT);
    }
  }

  /**
   * Writes {@code run.json} atomically to {@code file}, streamed by Jackson's generator: the same
   * text as {@link #toJson}, never held whole in memory.
   */
  public static void write(RunRecord record, Path file) {
    AtomicFiles.write(
        file,
        out -> {
          try {
            STREAMING_WRITER.writeValue(out, record);
          } catch (JsonProcessingException e) {
            // Only values outside the documented result types can get here: a programming error.
            throw new IllegalArgumentException("run record cannot be written as JSON: " + e, e);
          }
          out.write('\n');
        });
  }

  /**
   * Builds the serializers of a run's record by writing a sample one-step record to nowhere.
   * Jackson makes them by reflection on first use (about a fifth of a one-step run's time on its
   * main thread); called on a second thread while a run starts, it leaves them made for the real
   * {@code run.json} at the run's end. Writes no file.
   */
  public static void warmUp() {
    Instant t = Instant.EPOCH;
    AttemptRecord attempt =
        AttemptRecord.of(1, t, t, 0, StepState.SUCCEEDED, "local", List.of(), "");
    StepRecord step =
        new StepRecord(
            "a",
            "a",
            "run",
            StepState.SUCCEEDED,
            Map.of(),
            List.of(),
            "true",
            "local",
            List.of(),
            t,
            t,
            List.of(attempt),
            "logs/a.log",
            "",
            List.of(),
            Map.of(),
            false,
            null,
            null,
            null);
    RunRecord record =
        new RunRecord(
            RunRecord.SCHEMA_VERSION,
            "run",
            "warm-up",
            RunStatus.SUCCEEDED,
            t,
            t,
            "baton.yaml",
            "local",
            Map.of(),
            List.of(new AgentRecord("local", List.of(), 1, List.of())),
            List.of(step),
            BatonBuild.current(),
            new SourceRecord("0", "main", null, false),
            "sha256:0");
    try {
      STREAMING_WRITER.writeValue(OutputStream.nullOutputStream(), record);
    } catch (IOException e) {
      throw new IllegalStateException("the sample run record cannot be written: " + e, e);
    }
  }

  /**
   * Reads a run record from {@code path}: the {@code run.json} file itself or the report directory
   * that holds it.
   *
   * @throws UsageException when the file is missing, unreadable or not a run record
   */
  public static RunRecord read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    String json;
    try {
      json = UserFiles.readText(file, "run record", MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "no run record at "
              + file
              + "; pass the report directory of a run (it holds "
              + FILE_NAME
              + ", by default .baton/runs/<runId>/)");
    } catch (FileRefusedException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the run record "
              + file
              + ": "
              + IoFailures.reason(e)
              + "; check that the file is readable");
    }
    return fromJson(json, "run record " + file);
  }

  private static final String REGENERATE_HINT =
      "restore it from the CI artifacts or run the pipeline again to write a new one";

  /** The fields every report relies on; null when all are there. */
  private static @Nullable String firstMissingField(RunRecord record) {
    if (record.status() == null) {
      return "no status";
    }
    for (int i = 0; i < record.steps().size(); i++) {
      StepRecord step = record.steps().get(i);
      if (step.id() == null || step.status() == null) {
        return "step " + (i + 1) + " has no " + (step.id() == null ? "id" : "status");
      }
      for (AttemptRecord attempt : step.attempts()) {
        if (attempt.status() == null) {
          return "an attempt of step " + step.id() + " has no status";
        }
      }
    }
    return null;
  }

  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage();
    int newline = what.indexOf('\n');
    if (newline >= 0) {
      what = what.substring(0, newline);
    }
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      what =
          "line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + what;
    }
    return what;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    // "key": value, as people and most tools write JSON (Jackson's default is "key" : value).
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
