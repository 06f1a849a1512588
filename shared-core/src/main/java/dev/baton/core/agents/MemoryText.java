package dev.baton.core.agents;

import java.util.Locale;

/**
 * Writes memory sizes the way people read them: {@code 80 GiB}, {@code 79.6 GiB}, {@code 512 MiB}.
 */
final class MemoryText {
  private MemoryText() {}

  static String of(long mib) {
    if (mib < 1024) {
      return mib + " MiB";
    }
    if (mib % 1024 == 0) {
      return mib / 1024 + " GiB";
    }
    return String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0);
  }
}
