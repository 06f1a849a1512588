package dev.baton.core.exec.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.exec.ExitStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmJobEndTest {

  private static Optional<ExitStatus> fromSqueue(String state, int waitStatus) {
    return SlurmJobEnd.fromWaitStatus(state, waitStatus).exitStatus();
  }

  private static Optional<ExitStatus> fromScontrol(String state, String exitCode) {
    return SlurmJobEnd.fromExitCode(state, exitCode).exitStatus();
  }

  @Test
  void exitCodesPassThroughAsALocalRunWouldGiveThem() {
    assertThat(fromSqueue("COMPLETED", 0)).contains(ExitStatus.exited(0));
    assertThat(fromSqueue("FAILED", 3 << 8)).contains(ExitStatus.exited(3));
    assertThat(fromScontrol("FAILED", "3:0")).contains(ExitStatus.exited(3));
    assertThat(fromScontrol("FAILED", "127:0")).contains(ExitStatus.exited(127));
  }

  @Test
  void signalsBecome128PlusTheSignal() {
    assertThat(fromSqueue("FAILED", 15)).contains(ExitStatus.exited(143));
    assertThat(fromScontrol("FAILED", "0:15")).contains(ExitStatus.exited(143));
    assertThat(fromSqueue("CANCELLED", 9)).contains(ExitStatus.exited(137));
    // squeue's wait status may carry the core-dump bit (0x80).
    assertThat(fromSqueue("FAILED", 0x80 | 11)).contains(ExitStatus.exited(139));
  }

  @Test
  void timeoutReadsAsTheSignalThatEndedItOrAsAKill() {
    assertThat(fromScontrol("TIMEOUT", "0:15")).contains(ExitStatus.exited(143));
    assertThat(fromScontrol("TIMEOUT", "0:0")).contains(ExitStatus.exited(137));
    assertThat(fromScontrol("DEADLINE", "0:0")).contains(ExitStatus.exited(137));
  }

  @Test
  void cancelledBeforeItRanIsNeverASuccess() {
    assertThat(fromScontrol("CANCELLED", "0:0")).contains(ExitStatus.exited(143));
    assertThat(fromSqueue("CANCELLED by 0", 0)).contains(ExitStatus.exited(143));
  }

  @Test
  void failedWithoutCodeOrSignalStillFails() {
    assertThat(fromScontrol("FAILED", "0:0")).contains(ExitStatus.exited(1));
  }

  @Test
  void outOfMemoryIsAKill() {
    assertThat(fromScontrol("OUT_OF_MEMORY", "0:125")).contains(ExitStatus.exited(137));
  }

  @Test
  void nodeFailureAndPreemptionLoseTheAttempt() {
    SlurmJobEnd nodeFail = SlurmJobEnd.fromExitCode("NODE_FAIL", "0:0");
    assertThat(nodeFail.exitStatus()).isEmpty();
    assertThat(nodeFail.lostReason()).isEqualTo("its node failed");
    assertThat(SlurmJobEnd.fromExitCode("PREEMPTED", "0:0").exitStatus()).isEmpty();
    assertThat(SlurmJobEnd.fromExitCode("BOOT_FAIL", "0:0").exitStatus()).isEmpty();
  }

  @Test
  void completingIsNotYetTheEnd() {
    assertThat(SlurmJobEnd.isTerminal("COMPLETING")).isFalse();
    assertThat(SlurmJobEnd.isTerminal("RUNNING")).isFalse();
    assertThat(SlurmJobEnd.isTerminal("PENDING")).isFalse();
    assertThat(SlurmJobEnd.isTerminal("CANCELLED+")).isTrue();
    assertThat(SlurmJobEnd.isTerminal("TIMEOUT")).isTrue();
  }
}
