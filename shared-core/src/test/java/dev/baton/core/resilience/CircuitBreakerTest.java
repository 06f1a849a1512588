package dev.baton.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  @Test
  void opensAfterThresholdThenLetsOneTrialThroughAfterTheWait() {
    AtomicLong now = new AtomicLong();
    CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(10), now::get);
    b.onFailure();
    assertThat(b.allow()).isTrue();
    b.onFailure();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(b.allow()).isFalse();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(b.allow()).isTrue();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    b.onFailure();
    assertThat(b.allow()).isFalse();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(b.allow()).isTrue();
    b.onSuccess();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
