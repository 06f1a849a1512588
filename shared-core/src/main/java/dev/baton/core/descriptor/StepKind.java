package dev.baton.core.descriptor;

import java.util.Locale;

/** What a step does beyond running its command; each kind has a CLI verb and a Maven goal. */
public enum StepKind {
  RUN,
  VALIDATE,
  BENCHMARK,
  DEPLOY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
