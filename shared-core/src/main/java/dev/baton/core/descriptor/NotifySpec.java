package dev.baton.core.descriptor;

import dev.baton.core.errors.SourcePosition;
import java.util.Set;

/**
 * One entry of the top-level {@code notify:} list: post the run's outcome to {@code webhook} when
 * the run ends in one of {@code on}.
 *
 * @param webhook the URL, or empty when it comes from {@code webhookEnv}
 * @param webhookEnv the environment variable holding the URL (a secret: it is never shown), or
 *     empty
 */
public record NotifySpec(
    Set<Trigger> on, String webhook, String webhookEnv, SourcePosition position) {
  public NotifySpec {
    on = Set.copyOf(on);
  }

  /** When a notification is sent. */
  public enum Trigger {
    FAILURE,
    SUCCESS,
    ALWAYS
  }
}
