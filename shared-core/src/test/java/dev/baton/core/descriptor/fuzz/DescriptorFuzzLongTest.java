package dev.baton.core.descriptor.fuzz;

import dev.baton.core.testing.FuzzTest;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The long fuzz run, left out of the default build ({@link FuzzTest}) and run by {@code .ci/run} as
 * a step of its own: {@link DescriptorFuzzTest}'s check on inputs mutated from a new seed each run,
 * for {@code -Dbaton.fuzz.seconds} (default 90). The seed is printed before the first input, so a
 * run that hangs or is killed can be repeated as well as one that fails. {@code
 * -Dbaton.fuzz.seed=N} picks the seed; {@code -Dbaton.fuzz.inputs=N} stops after N mutated inputs
 * instead of after a time: both together make a run's inputs again, one for one (docs/testing.md).
 */
@FuzzTest
class DescriptorFuzzLongTest {
  private static final long DEFAULT_SECONDS = 90;

  @Test
  void mutatedInputsOfANewSeedAnswerWithDescriptorErrorsOnly() throws Exception {
    String seedProperty = System.getProperty("baton.fuzz.seed", "").strip();
    long seed =
        seedProperty.isEmpty() ? new SecureRandom().nextLong() : Long.parseLong(seedProperty);
    String inputsProperty = System.getProperty("baton.fuzz.inputs", "").strip();
    long inputs = inputsProperty.isEmpty() ? Long.MAX_VALUE : Long.parseLong(inputsProperty);
    // A replay (inputs given) runs every input it asks for, unless a time is given too.
    long seconds =
        Long.getLong("baton.fuzz.seconds", inputsProperty.isEmpty() ? DEFAULT_SECONDS : 0);
    System.out.printf(
        "descriptor fuzz: seed %d, %s; repeat with -Dbaton.fuzz.seed=%d%n",
        seed, seconds > 0 ? "for " + seconds + " s" : inputs + " mutated inputs", seed);
    try (FuzzRunner runner = new FuzzRunner()) {
      runner.mutate(seed, inputs, Duration.ofSeconds(seconds));
      System.out.println("descriptor fuzz, seed " + seed + ": " + runner.summary());
      DescriptorFuzzTest.assertMutatedInputsPassed(runner, seed);
    }
  }
}
