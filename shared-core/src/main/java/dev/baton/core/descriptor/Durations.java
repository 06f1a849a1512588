package dev.baton.core.descriptor;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way Kubernetes and Argo users write them: {@code 500ms 30s 2m 1h30m 1d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  public static final String HINT = "write a duration such as 500ms, 30s, 5m, 2h or 1h30m";

  private Durations() {}

  /** The duration, or empty when {@code text} is not one; a bare number means seconds. */
  public static Optional<Duration> parse(String text) {
    String t = text.strip();
    if (t.matches("\\d+(\\.\\d+)?")) {
      return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000)));
    }
    // Part by part rather than one regex with a repeated group: that recurses once per part, and a
    // long enough value ("1h2m" ten thousand times) overflowed the stack.
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(t);
    double millis = 0;
    for (int at = 0; at < t.length(); at = m.end()) {
      m.region(at, t.length());
      if (!m.lookingAt()) {
        return Optional.empty();
      }
      double n = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
          };
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }

  /** {@code 1.2 s}, {@code 3 m 04 s}: how durations read in consoles and reports. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d m %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d m", s / 3600, (s % 3600) / 60);
  }
}
