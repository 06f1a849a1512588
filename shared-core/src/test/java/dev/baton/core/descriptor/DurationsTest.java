package dev.baton.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsEveryForm() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("1m5s")).contains(Duration.ofSeconds(65));
    assertThat(Durations.parse(" 1.5d ")).contains(Duration.ofHours(36));
    assertThat(Durations.parse("30")).contains(Duration.ofSeconds(30));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    for (String bad : new String[] {"", "5 minutes", "1h 30m", "h", "1x", "1h30", "-5s", "1.s"}) {
      assertThat(Durations.parse(bad)).as(bad).isEqualTo(Optional.empty());
    }
  }

  /** Found by the descriptor fuzz test: one regex per whole value recursed once per part. */
  @Test
  void aVeryLongValueNeitherOverflowsTheStackNorHangs() throws Exception {
    String longValue = "1h2m".repeat(20_000);
    List<Optional<Duration>> result = new CopyOnWriteArrayList<>();
    Thread t =
        new Thread(
            null,
            () -> {
              result.add(Durations.parse(longValue));
              result.add(Durations.parse(longValue + "x"));
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join(10_000);
    assertThat(result)
        .containsExactly(Optional.of(Duration.ofMinutes(62L * 20_000)), Optional.empty());
  }
}
