package dev.baton.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.errors.UsageException;
import dev.baton.core.io.MillisInstantModule;
import dev.baton.core.record.BatonBuild;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordJsonTest {
  private static final Pattern MILLIS_INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  @TempDir Path dir;

  @Test
  void roundTripsThroughAFileToAnEqualRecord() {
    RunRecord record = SampleRecords.failedRun();
    Path file = dir.resolve("run.json");

    RunRecordJson.write(record, file);

    assertThat(RunRecordJson.read(file)).isEqualTo(record);
  }

  @Test
  void warmingUpWritesNoFileAndLeavesTheTextAsItWas() throws Exception {
    RunRecord record = SampleRecords.failedRun();
    String before = RunRecordJson.toJson(record);

    RunRecordJson.warmUp();

    assertThat(RunRecordJson.toJson(record)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void recordsTheVersionCommitAndCommitDateOfTheBatonThatWroteIt() throws Exception {
    JsonNode baton =
        new ObjectMapper().readTree(RunRecordJson.toJson(SampleRecords.failedRun())).get("baton");

    assertThat(baton.get("version").asText()).isEqualTo(BatonBuild.current().version());
    assertThat(baton.get("commit").asText()).isEqualTo(BatonBuild.current().commit());
    assertThat(baton.get("commitDate").asText()).isEqualTo(BatonBuild.current().commitDate());
  }

  @Test
  void readsARecordOfABatonThatDidNotRecordItself() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(RunRecordJson.toJson(SampleRecords.failedRun()));
    tree.remove("baton");

    RunRecord old = RunRecordJson.fromJson(json.writeValueAsString(tree), "old run.json");

    assertThat(old.baton()).isNull();
    assertThat(old.steps()).isEqualTo(SampleRecords.failedRun().steps());
  }

  @Test
  void writesEveryInstantAsUtcWithExactlyThreeMillisecondDigits() throws Exception {
    String json = RunRecordJson.toJson(SampleRecords.failedRun());
    JsonNode tree = new ObjectMapper().readTree(json);

    assertThat(tree.get("startedAt").asText()).isEqualTo("2026-11-24T10:15:00.120Z");
    List<String> instants = new ArrayList<>();
    collectInstants(tree, instants);
    assertThat(instants).hasSizeGreaterThan(10).allMatch(s -> MILLIS_INSTANT.matcher(s).matches());
  }

  @Test
  void formatsWholeSecondsWithZeroMillisAndTruncatesNanoseconds() {
    assertThat(MillisInstantModule.format(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05.000Z");
    assertThat(MillisInstantModule.format(Instant.parse("2026-01-02T03:04:05.123987654Z")))
        .isEqualTo("2026-01-02T03:04:05.123Z");
  }

  @Test
  void readsInstantsWithAnOffsetOrWithoutFraction() {
    assertThat(MillisInstantModule.parse("2026-11-24T11:15:00.120+01:00"))
        .isEqualTo(SampleRecords.T0);
    assertThat(MillisInstantModule.parse("2026-11-24T10:15:00Z"))
        .isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));
  }

  @Test
  void writesFieldsInRecordOrderWithEnumsByName() throws Exception {
    String json = RunRecordJson.toJson(SampleRecords.failedRun());
    JsonNode tree = new ObjectMapper().readTree(json);

    List<String> expected =
        Arrays.stream(RunRecord.class.getRecordComponents())
            .map(c -> c.getName())
            // Lineage is left out when unknown: this sample has no git source or descriptor file.
            .filter(n -> !n.equals("source") && !n.equals("descriptorDigest"))
            .toList();
    assertThat(fieldNames(tree)).containsExactlyElementsOf(expected);
    // A step's outputs are its last attempt's, written after the record's own fields; what it
    // requested is left out when it asked for nothing, lineage when it declared no files (as every
    // step of this sample).
    List<String> stepFields =
        Stream.concat(
                Arrays.stream(StepRecord.class.getRecordComponents())
                    .map(c -> c.getName())
                    .filter(name -> !name.equals("requested") && !name.equals("lineage")),
                Stream.of("outputs"))
            .toList();
    assertThat(fieldNames(tree.get("steps").get(0))).containsExactlyElementsOf(stepFields);
    assertThat(tree.get("status").asText()).isEqualTo("FAILED");
    assertThat(tree.get("steps").get(4).get("status").asText()).isEqualTo("TIMED_OUT");
  }

  @Test
  void prettyPrintsWithStableOutput() {
    String first = RunRecordJson.toJson(SampleRecords.failedRun());
    String second = RunRecordJson.toJson(SampleRecords.failedRun());

    assertThat(first).isEqualTo(second).startsWith("{\n  \"schemaVersion\": 1,\n").endsWith("}\n");
    assertThat(first).contains("\"gpus\": [\n").contains("\"matrix\": {},");
  }

  @Test
  void ignoresFieldsAddedByNewerVersions() {
    String json =
        RunRecordJson.toJson(SampleRecords.succeededRun())
            .replaceFirst("\\{", "{\"addedLater\": {\"x\": [1, 2]},");

    assertThat(RunRecordJson.fromJson(json, "test")).isEqualTo(SampleRecords.succeededRun());
  }

  @Test
  void readsTheRecordFromItsReportDirectory() {
    RunRecordJson.write(SampleRecords.succeededRun(), dir.resolve("run.json"));

    assertThat(RunRecordJson.read(dir)).isEqualTo(SampleRecords.succeededRun());
  }

  @Test
  void missingFileIsAUsageErrorNamingThePathAndWhatToPass() {
    Path missing = dir.resolve("nowhere/run.json");

    assertThatThrownBy(() -> RunRecordJson.read(missing))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("pass the report directory of a run");
  }

  @Test
  void corruptFileIsAUsageErrorWithLineAndHowToRecover() throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(file, "{\n  \"runId\": \"x\",\n  \"steps\": [ {\"id\": \n");

    assertThatThrownBy(() -> RunRecordJson.read(file))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a valid run record (line ")
        .hasMessageContaining("run the pipeline again");
  }

  @Test
  void unknownStatusIsAUsageErrorNotAStackTrace() throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(file, "{\"status\": \"EXPLODED\"}");

    assertThatThrownBy(() -> RunRecordJson.read(file))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("EXPLODED")
        .hasMessageNotContaining("\n");
  }

  @Test
  void recordWithoutStepStatusIsAUsageErrorNamingTheStep() {
    String json = "{\"status\": \"FAILED\", \"steps\": [{\"id\": \"train\"}]}";

    assertThatThrownBy(() -> RunRecordJson.fromJson(json, "run record x/run.json"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "run record x/run.json is not a valid run record (step 1 has no status); restore it"
                + " from the CI artifacts or run the pipeline again to write a new one");
  }

  @Test
  void emptyFileIsAUsageError() throws Exception {
    Path file = dir.resolve("run.json");
    Files.writeString(file, "");

    assertThatThrownBy(() -> RunRecordJson.read(file)).isInstanceOf(UsageException.class);
  }

  @Test
  void exampleInTheDocsIsAValidRunRecord() throws Exception {
    String doc = Files.readString(Path.of("../docs/run-record.md"));
    int start = doc.indexOf("## Example\n\n```json\n") + "## Example\n\n```json\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));

    RunRecord record = RunRecordJson.fromJson(example, "docs/run-record.md");

    assertThat(record.steps())
        .singleElement()
        .satisfies(s -> assertThat(s.id()).isEqualTo("train[lr=0.01]"));
    assertThat(record.agents().get(0).gpus().get(0).memoryMiB()).isEqualTo(81920);
    assertThat(RunRecordJson.fromJson(RunRecordJson.toJson(record), "again")).isEqualTo(record);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void collectInstants(JsonNode node, List<String> out) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode child = node.get(name);
      if ((name.equals("startedAt") || name.equals("endedAt")) && child.isTextual()) {
        out.add(child.asText());
      }
    }
    for (JsonNode child : node) {
      collectInstants(child, out);
    }
  }
}
