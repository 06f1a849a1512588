package dev.baton.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases taken and refused through real {@code flock}ed files. Every acquisition opens its own file
 * description, so a second acquirer in this same process is refused exactly as another Baton
 * process would be.
 */
class MachineLeasesTest {
  @TempDir Path dir;
  private MachineLeases leases;

  @BeforeEach
  void leaseDirectory() {
    leases = MachineLeases.at(dir.resolve("leases"));
  }

  @Test
  void aLeaseIsHeldUntilClosedThenFree() {
    Lease lease = leases.tryAcquire(List.of("gpu0"), Optional.empty(), holder("r1", "train"));

    assertThat(lease).isNotNull();
    assertThat(lease.isEmpty()).isFalse();
    assertThat(lease.descriptors()).hasSize(1).allSatisfy(fd -> assertThat(fd).isGreaterThan(2));
    assertThat(leases.holder("gpu0")).map(LeaseHolder::runId).contains("r1");

    lease.close();

    assertThat(leases.holder("gpu0")).isEmpty();
    assertThat(lease.descriptors()).isEmpty();
    lease.close(); // closing twice closes no descriptor that another lease may now use
  }

  @Test
  void aSecondAcquirerIsRefusedWhileTheLeaseIsHeld() {
    try (Lease first = leases.tryAcquire(List.of("gpu1"), Optional.empty(), holder("r1", "a"))) {
      assertThat(first).isNotNull();

      Lease second = leases.tryAcquire(List.of("gpu1"), Optional.empty(), holder("r2", "b"));

      assertThat(second).isNull();
      assertThat(leases.holder("gpu1")).map(LeaseHolder::runId).contains("r1");
    }
    try (Lease later = leases.tryAcquire(List.of("gpu1"), Optional.empty(), holder("r2", "b"))) {
      assertThat(later).isNotNull();
      assertThat(leases.holder("gpu1")).map(LeaseHolder::runId).contains("r2");
    }
  }

  @Test
  void acquisitionIsAllOrNothingAndReleasesWhatItTookWhenOneIsHeld() {
    try (Lease held = leases.tryAcquire(List.of("gpu2"), Optional.empty(), holder("r1", "a"))) {
      Lease all =
          leases.tryAcquire(
              List.of("gpu0", "gpu1", "gpu2", "gpu3"), Optional.empty(), holder("r2", "b"));

      assertThat(all).isNull();
      assertThat(leases.holder("gpu0")).isEmpty();
      assertThat(leases.holder("gpu1")).isEmpty();
      assertThat(leases.holder("gpu3")).isEmpty();
      assertThat(leases.holder("gpu2")).map(LeaseHolder::runId).contains("r1");
    }
  }

  @Test
  void aFullGroupRefusesAndReleasesTheGpusTakenBeforeIt() {
    MachineLeases.GroupClaim db = new MachineLeases.GroupClaim("db", 1);
    try (Lease slot = leases.tryAcquire(List.of(), Optional.of(db), holder("r1", "a"))) {
      Lease gpuAndSlot = leases.tryAcquire(List.of("gpu0"), Optional.of(db), holder("r2", "b"));

      assertThat(gpuAndSlot).isNull();
      assertThat(leases.holder("gpu0")).isEmpty();
    }
  }

  @Test
  void groupSlotsAreHandedOutUpToTheLimit() {
    MachineLeases.GroupClaim db = new MachineLeases.GroupClaim("db", 2);
    Lease one = leases.tryAcquire(List.of(), Optional.of(db), holder("r1", "a"));
    Lease two = leases.tryAcquire(List.of(), Optional.of(db), holder("r2", "b"));

    assertThat(one).isNotNull();
    assertThat(two).isNotNull();
    assertThat(leases.tryAcquire(List.of(), Optional.of(db), holder("r3", "c"))).isNull();
    assertThat(leases.groupHolders("db", 2))
        .extracting(LeaseHolder::runId)
        .containsExactlyInAnyOrder("r1", "r2");

    one.close();

    try (Lease three = leases.tryAcquire(List.of(), Optional.of(db), holder("r3", "c"))) {
      assertThat(three).isNotNull();
      assertThat(leases.groupHolders("db", 2))
          .extracting(LeaseHolder::runId)
          .containsExactlyInAnyOrder("r2", "r3");
    }
    two.close();
    assertThat(leases.groupHolders("db", 2)).isEmpty();
  }

  @Test
  void groupsWithDifferentNamesDoNotShareSlots() {
    MachineLeases.GroupClaim db = new MachineLeases.GroupClaim("db", 1);
    MachineLeases.GroupClaim deploy = new MachineLeases.GroupClaim("deploy", 1);
    try (Lease a = leases.tryAcquire(List.of(), Optional.of(db), holder("r1", "a"));
        Lease b = leases.tryAcquire(List.of(), Optional.of(deploy), holder("r2", "b"))) {
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
    }
  }

  @Test
  void theHolderLineNamesTheStepsProcessGroupOnceItStarted() {
    try (Lease lease = leases.tryAcquire(List.of("gpu0"), Optional.empty(), holder("r1", "a"))) {
      assertThat(leases.holder("gpu0")).map(LeaseHolder::stepGroup).contains(-1L);

      lease.stepStarted(4242);

      LeaseHolder h = leases.holder("gpu0").orElseThrow();
      assertThat(h.stepGroup()).isEqualTo(4242);
      assertThat(h.stepId()).isEqualTo("a");
      assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void aShorterHolderLineReplacesTheWholeLongerOne() throws Exception {
    try (Lease lease =
        leases.tryAcquire(
            List.of("gpu0"), Optional.empty(), holder("a-rather-long-run-id", "step"))) {
      LeaseHolder first = leases.holder("gpu0").orElseThrow();

      lease.stepStarted(7); // "-1" becomes "7": one character shorter

      assertThat(Files.readString(leases.directory().resolve("gpu0")))
          .isEqualTo(HolderText.write(first.withStepGroup(7)));
    }
    try (Lease other = leases.tryAcquire(List.of("gpu0"), Optional.empty(), holder("r", "s"))) {
      assertThat(Files.readString(leases.directory().resolve("gpu0")))
          .isEqualTo(HolderText.write(leases.holder("gpu0").orElseThrow()))
          .startsWith("r\ts\t");
    }
  }

  @Test
  void aLockedFileWithoutAReadableLineIsHeldByAnUnknownRun() throws Exception {
    try (Lease lease = leases.tryAcquire(List.of("gpu0"), Optional.empty(), holder("r1", "a"))) {
      Files.writeString(leases.directory().resolve("gpu0"), "half a li");

      assertThat(leases.holder("gpu0")).map(LeaseHolder::runId).contains("(unknown run)");
    }
  }

  @Test
  void aLeaseFileLeftByAnEndedHolderIsFreeAndNamesNobody() throws Exception {
    leases.tryAcquire(List.of("gpu0"), Optional.empty(), holder("gone", "a")).close();

    assertThat(leases.directory().resolve("gpu0")).exists();
    assertThat(leases.holder("gpu0")).isEmpty();
    assertThat(leases.holder("gpu7")).isEmpty(); // never leased: no file at all
    assertThat(leases.directory().resolve("gpu7")).doesNotExist();
  }

  @Test
  void theDirectoryIsCreatedAndTheEnvironmentMovesIt() {
    assertThat(leases.directory()).isDirectory();
    assertThat(MachineLeases.directoryFor(Map.of())).isEqualTo(MachineLeases.DEFAULT_DIRECTORY);
    assertThat(MachineLeases.directoryFor(Map.of("BATON_LEASE_DIR", dir.toString())))
        .isEqualTo(dir);
  }

  @Test
  void aFileWhereTheDirectoryShouldBeIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

    Assertions.assertThatThrownBy(() -> MachineLeases.at(file))
        .isInstanceOf(LeaseException.class)
        .hasMessageContaining(file.toString())
        .extracting(e -> ((LeaseException) e).path())
        .isEqualTo(file);
  }

  static LeaseHolder holder(String run, String step) {
    return LeaseHolder.of(run, step);
  }
}
