package dev.baton.core.descriptor;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads memory sizes ({@code 40GB}, {@code 512MiB}, a bare number of MiB) into MiB. */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(k|m|g|t)?(i?b)?", Pattern.CASE_INSENSITIVE);

  public static final String HINT = "write a size such as 512MiB, 40GB or 80GiB";

  private Sizes() {}

  /** MiB, or empty when {@code text} is not a size. GB and GiB are both read as 1024 MiB. */
  public static OptionalLong parseMiB(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "m" : m.group(2).toLowerCase(Locale.ROOT);
    double mib =
        switch (unit) {
          case "k" -> n / 1024;
          case "g" -> n * 1024;
          case "t" -> n * 1024 * 1024;
          default -> n;
        };
    return OptionalLong.of(Math.round(mib));
  }
}
