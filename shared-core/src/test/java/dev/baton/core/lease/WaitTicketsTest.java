package dev.baton.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitTicketsTest {
  @TempDir Path dir;

  private static WaitTicket ticket(String run, String step, int priority, long at) {
    return new WaitTicket(
        run, step, priority, Instant.ofEpochMilli(at), 4, List.of("this machine"));
  }

  @Test
  void higherPriorityIsServedFirstThenTheEarlierRequestThenRunAndStepIds() {
    WaitTicket early = ticket("r1", "a", 0, 1000);
    WaitTicket late = ticket("r2", "a", 0, 2000);
    WaitTicket urgent = ticket("r3", "a", 5, 3000);
    assertThat(early.before(late)).isTrue();
    assertThat(late.before(early)).isFalse();
    assertThat(urgent.before(early)).isTrue();
    assertThat(ticket("r1", "a", 0, 1000).before(ticket("r1", "b", 0, 1000))).isTrue();
    assertThat(early.before(early)).isFalse();
  }

  @Test
  void aTicketReadsBackAsItWasFiledAndOddIdsCannotBreakItsLine() {
    WaitTicket t =
        new WaitTicket(
            "run\t1", "train[lr=0.1,l2=0]\n", 3, Instant.ofEpochMilli(1234), 2, List.of("a,b"));
    WaitTicket back = WaitTicket.parse(t.line()).orElseThrow();
    assertThat(back.priority()).isEqualTo(3);
    assertThat(back.requestedAt()).isEqualTo(Instant.ofEpochMilli(1234));
    assertThat(back.gpus()).isEqualTo(2);
    assertThat(back.agents()).hasSize(1);
    assertThat(WaitTicket.parse("half a line")).isEmpty();
  }

  @Test
  void anotherProcessSeesALiveTicketAndATicketWhoseHolderIsGoneIsRemoved() throws Exception {
    Path waiting = dir.resolve("waiting");
    WaitTickets mine = new WaitTickets(waiting);
    WaitTickets theirs = new WaitTickets(waiting);
    mine.file(ticket("r1", "train", 0, 1000));

    assertThat(theirs.others()).extracting(WaitTicket::stepId).containsExactly("train");
    assertThat(mine.others()).isEmpty();

    // A holder that dies leaves its file with the lock free: the next reader removes it.
    Path stale = waiting.resolve("r9--gone");
    Files.writeString(stale, ticket("r9", "gone", 9, 1).line());
    assertThat(theirs.others()).extracting(WaitTicket::stepId).containsExactly("train");
    assertThat(stale).doesNotExist();

    mine.close();
    assertThat(theirs.others()).isEmpty();
    try (var files = Files.list(waiting)) {
      assertThat(files).isEmpty();
    }
  }
}
