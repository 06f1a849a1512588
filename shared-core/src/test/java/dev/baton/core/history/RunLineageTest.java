package dev.baton.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.record.SourceRecord;
import dev.baton.core.record.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run record says which code, descriptor, inputs and outputs made it. */
class RunLineageTest {
  @TempDir Path workspace;

  private static final String PIPELINE =
      """
      version: 1
      name: lineage
      params: {rows: 3}
      steps:
        prepare:
          run: mkdir -p build && echo ${{ params.rows }} > build/data.csv
          inputs: [prep.sh]
          outputs: [build/data.csv]
        train:
          needs: [prepare]
          run: cat build/data.csv > build/model.txt
          inputs: [build/data.csv]
          outputs: [build/model.txt]
        plain: {run: 'true'}
      """;

  @Test
  void aRunInAGitWorkTreeRecordsItsCommitBranchAndEachStepsFileDigests() throws Exception {
    Git.require();
    Files.writeString(workspace.resolve("baton.yaml"), PIPELINE);
    Files.writeString(workspace.resolve("prep.sh"), "echo prep\n");
    Files.writeString(workspace.resolve(".gitignore"), "build/\n.baton/\n");
    Git.init(workspace);
    Git.run(workspace, "remote", "add", "origin", "https://bob:hunter2@git.invalid/team/x.git");
    String commit = Git.commitAll(workspace, "first");

    RunOutcome outcome = new Baton(e -> {}).run(BatonConfig.of(workspace.resolve("baton.yaml")));

    RunRecord record = RunRecordJson.read(outcome.reportDir());
    assertThat(record.source())
        .isEqualTo(new SourceRecord(commit, "main", "https://bob@git.invalid/team/x.git", false));
    assertThat(record.descriptorDigest()).startsWith("sha256:").hasSize(7 + 64);
    StepRecord prepare = step(record, "prepare");
    StepRecord train = step(record, "train");
    assertThat(prepare.lineage().outputs()).containsOnlyKeys("build/data.csv");
    // What prepare wrote is, by content, what train read.
    assertThat(train.lineage().inputs())
        .containsEntry("build/data.csv", prepare.lineage().outputs().get("build/data.csv"));
    assertThat(train.lineage().outputs().get("build/model.txt")).startsWith("sha256:");
    assertThat(train.lineage().image()).isNull();
    // A step that declares nothing and ran on the host has no lineage at all.
    assertThat(step(record, "plain").lineage()).isNull();
    assertThat(Files.readString(outcome.reportDir().resolve("run.json")))
        .contains("\"source\": {")
        .contains("\"lineage\": {");
  }

  @Test
  void uncommittedChangesMakeTheSourceDirtyButBatonsOwnDirectoryDoesNot() throws Exception {
    Git.require();
    Files.writeString(
        workspace.resolve("baton.yaml"), "version: 1\nname: d\nsteps:\n  a: {run: 'true'}\n");
    Git.init(workspace);
    Git.commitAll(workspace, "first");

    RunOutcome clean = new Baton(e -> {}).run(BatonConfig.of(workspace.resolve("baton.yaml")));
    Files.writeString(workspace.resolve("notes.txt"), "not committed\n");
    RunOutcome dirty = new Baton(e -> {}).run(BatonConfig.of(workspace.resolve("baton.yaml")));

    // .baton/ (runs, lock, cache state) is untracked here and still does not count.
    assertThat(clean.record().source().dirty()).isFalse();
    assertThat(dirty.record().source().dirty()).isTrue();
    assertThat(clean.record().source().remote()).isNull();
  }

  @Test
  void aWorkspaceOutsideAnyGitWorkTreeHasNoSource() throws Exception {
    Files.writeString(
        workspace.resolve("baton.yaml"), "version: 1\nname: d\nsteps:\n  a: {run: 'true'}\n");

    RunOutcome outcome = new Baton(e -> {}).run(BatonConfig.of(workspace.resolve("baton.yaml")));

    assertThat(outcome.record().source()).isNull();
    assertThat(Files.readString(outcome.reportDir().resolve("run.json")))
        .doesNotContain("\"source\": {");
  }

  private static StepRecord step(RunRecord record, String id) {
    return record.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }
}
