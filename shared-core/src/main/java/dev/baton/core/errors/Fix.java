package dev.baton.core.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user should change, as a value: plain words with references to {@link Setting}s and
 * {@link Action}s, which each front end spells its own way ({@link #render}). The core never writes
 * a command-line flag or a Maven property itself.
 */
public final class Fix {
  /** No fix to offer beyond the problem's own words. */
  public static final Fix NONE = new Fix(List.of());

  private final List<Object> parts;

  private Fix(List<Object> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * A fix read left to right from its parts: each a {@link String}, a {@link Setting} or an {@link
   * Action}, such as {@code Fix.of("free space or choose another ", Setting.REPORT_DIR)}.
   */
  public static Fix of(Object... parts) {
    List<Object> kept = new ArrayList<>();
    for (Object part : parts) {
      if (!(part instanceof String || part instanceof Setting || part instanceof Action)) {
        throw new IllegalArgumentException("a fix is made of words, settings and actions: " + part);
      }
      kept.add(part);
    }
    return new Fix(kept);
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** The settings this fix refers to, in order (front-end tests check each is spelled). */
  public List<Setting> settings() {
    return parts.stream().filter(Setting.class::isInstance).map(Setting.class::cast).toList();
  }

  /** The actions this fix refers to, in order. */
  public List<Action> actions() {
    return parts.stream().filter(Action.class::isInstance).map(Action.class::cast).toList();
  }

  /** The fix in one front end's words. */
  public String render(FrontEndWords words) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Setting s) {
        text.append(words.setting(s));
      } else if (part instanceof Action a) {
        text.append(words.action(a));
      } else {
        text.append((String) part);
      }
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return render(FrontEndWords.NEUTRAL);
  }
}
