package dev.baton.core.secrets;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;

/**
 * Masks the text of every event before a front end sees it: step output lines, retry reasons, step
 * messages, cache details and notices. Run records are masked where they are made.
 */
public final class MaskingEventSink implements EventSink {
  private final EventSink next;
  private final Masker masker;

  private MaskingEventSink(EventSink next, Masker masker) {
    this.next = next;
    this.masker = masker;
  }

  /** {@code next} itself when there is nothing to mask. */
  public static EventSink wrap(EventSink next, Masker masker) {
    return masker.isEmpty() ? next : new MaskingEventSink(next, masker);
  }

  @Override
  public void accept(RunEvent event) {
    next.accept(masked(event));
  }

  private RunEvent masked(RunEvent event) {
    if (event instanceof RunEvent.StepOutput e) {
      return new RunEvent.StepOutput(e.stepId(), masker.mask(e.line()));
    }
    if (event instanceof RunEvent.StepWaiting e) {
      return new RunEvent.StepWaiting(e.stepId(), masker.mask(e.reason()));
    }
    if (event instanceof RunEvent.StepRetrying e) {
      return new RunEvent.StepRetrying(e.stepId(), e.attempt(), masker.mask(e.reason()), e.delay());
    }
    if (event instanceof RunEvent.StepFinished e) {
      return new RunEvent.StepFinished(
          e.stepId(), e.state(), e.duration(), masker.mask(e.message()));
    }
    if (event instanceof RunEvent.StepCache e) {
      return new RunEvent.StepCache(e.stepId(), e.action(), e.key(), masker.mask(e.detail()));
    }
    if (event instanceof RunEvent.Notice e) {
      return new RunEvent.Notice(e.level(), masker.mask(e.message()), e.fix());
    }
    return event;
  }
}
