package dev.baton.core.agents;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a GPU's marketing name into the short label users write in label expressions. */
public final class GpuModels {
  // A letter family followed by digits: A100, H100, H200, L40S, V100, T4, RTX 4090 -> rtx4090.
  private static final Pattern MODEL =
      Pattern.compile("\\b(rtx\\s?a?\\d{3,4}|gh\\d{3}|gb\\d{3}|[a-z]\\d{1,3}[a-z]?)\\b");

  private GpuModels() {}

  /** {@code NVIDIA A100-SXM4-80GB} -> {@code a100}; {@code Tesla T4} -> {@code t4}. */
  public static String label(String model) {
    if (model == null || model.isBlank()) {
      return "";
    }
    String lower = model.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
    Matcher m = MODEL.matcher(lower);
    return m.find() ? m.group(1).replace(" ", "") : lower.strip().replace(' ', '-');
  }
}
