package dev.baton.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one line a lease file holds, and how holders are described to people. */
class HolderTextTest {
  private static final Instant SINCE = Instant.parse("2026-12-06T14:02:03.456Z");

  @Test
  void aHolderSurvivesTheRoundTripThroughItsLine() {
    LeaseHolder h = new LeaseHolder("20261206-1402-ab12", "train[lr=0.1]", 4242, 4300, SINCE);

    String line = HolderText.write(h);

    assertThat(line).endsWith("\n").doesNotContain("\r");
    assertThat(HolderText.read(line)).contains(h);
  }

  @Test
  void tabsAndNewlinesInIdsCannotBreakTheLine() {
    LeaseHolder h = new LeaseHolder("run\tone", "step\nwith\r\nbreaks", 1, -1, SINCE);

    String line = HolderText.write(h);

    assertThat(line.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    assertThat(HolderText.read(line))
        .contains(new LeaseHolder("run one", "step with  breaks", 1, -1, SINCE));
  }

  @Test
  void aLineBeingWrittenOrNotOfThisFormNamesNobody() {
    String line = HolderText.write(new LeaseHolder("r", "s", 1, 2, SINCE));

    assertThat(HolderText.read(line.substring(0, line.length() - 1))).isEmpty();
    assertThat(HolderText.read("")).isEmpty();
    assertThat(HolderText.read("r\ts\t1\n")).isEmpty();
    assertThat(HolderText.read("r\ts\tpid\t2\t3\n")).isEmpty();
  }

  @Test
  void describeNamesBatonWhileItLivesElseTheStepsProcessGroup() {
    long me = ProcessHandle.current().pid();
    long dead = deadPid();

    assertThat(new LeaseHolder("R", "s", me, 777, SINCE).describe())
        .isEqualTo("run R (pid " + me + ")");
    assertThat(new LeaseHolder("R", "s", dead, 777, SINCE).describe()).isEqualTo("run R (pid 777)");
    assertThat(new LeaseHolder("R", "s", dead, -1, SINCE).describe())
        .isEqualTo("run R (pid " + dead + ")");
  }

  @Test
  void describeWithStepNamesRunStepPidAndSinceToTheSecond() {
    LeaseHolder h = new LeaseHolder("R", "train", 10, 4300, SINCE);

    assertThat(h.describeWithStep())
        .isEqualTo("held by run R, step train (pid 4300) since 2026-12-06T14:02:03Z");
    assertThat(h.withStepGroup(-1).describeWithStep()).contains("(pid 10)");
  }

  /** The pid of a process that has ended and been reaped. */
  private static long deadPid() {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return p.pid();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
