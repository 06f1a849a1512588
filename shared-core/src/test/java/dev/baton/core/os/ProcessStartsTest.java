package dev.baton.core.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The start time read from /proc alone is the one the JDK reports, so a resume matches them. */
class ProcessStartsTest {
  @Test
  void theStartIsTheJdksForThisProcessAndAChild() throws Exception {
    assertThat(ProcessStarts.of(ProcessHandle.current().pid()))
        .isEqualTo(ProcessHandle.current().info().startInstant().orElseThrow());
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(ProcessStarts.of(child.pid()))
          .isEqualTo(child.toHandle().info().startInstant().orElseThrow());
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessStarts.of(child.pid())).isNull();
  }

  @Test
  void noProcessHasNoStart() {
    assertThat(ProcessStarts.of(0)).isNull();
    assertThat(ProcessStarts.of(-5)).isNull();
  }
}
