package dev.baton.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ForwardingStepHandleTest {

  /** A decorated attempt as the engine meets it: only the image is its decorator's own. */
  private static final class Labelled extends ForwardingStepHandle {
    Labelled(StepHandle inner) {
      super(inner);
    }

    @Override
    public String image() {
      return "busybox";
    }
  }

  private static final class Running implements StepHandle {
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    Duration stoppedWith = Duration.ZERO;

    @Override
    public CompletableFuture<ExitStatus> exit() {
      return exit;
    }

    @Override
    public void stop(Duration grace) {
      stoppedWith = grace;
    }

    @Override
    public long processGroup() {
      return 4242;
    }

    @Override
    public String jobId() {
      return "17.3";
    }
  }

  @Test
  void everyQuestionOfTheInterfaceIsForwardedNotAnsweredWithItsDefault() {
    Method[] asked =
        Arrays.stream(StepHandle.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .toArray(Method[]::new);
    for (Method m : asked) {
      assertThat(declares(ForwardingStepHandle.class, m))
          .as("ForwardingStepHandle forwards %s", m.getName())
          .isTrue();
    }
  }

  @Test
  void aDecoratorAnswersWithTheAttemptItDecoratesExceptWhereItKnowsBetter() {
    Running running = new Running();
    StepHandle decorated = new Labelled(running);

    decorated.stop(Duration.ofSeconds(7));
    running.exit.complete(ExitStatus.exited(3));

    assertThat(decorated.processGroup()).isEqualTo(4242);
    assertThat(decorated.started()).isCompletedWithValue(4242L);
    assertThat(decorated.jobId()).isEqualTo("17.3");
    assertThat(decorated.underlying()).isSameAs(running);
    assertThat(decorated.image()).isEqualTo("busybox");
    assertThat(decorated.exit()).isCompletedWithValue(ExitStatus.exited(3));
    assertThat(running.stoppedWith).isEqualTo(Duration.ofSeconds(7));
  }

  private static boolean declares(Class<?> type, Method m) {
    try {
      return type.getDeclaredMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() == type;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
