package dev.baton.core.api;

import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.report.DagSvg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every format a plan is printed in: {@link PlanRenderer}'s text ones, and {@code svg}, the picture
 * report.html draws, which lives with the report writers above the plan.
 */
public final class PlanFormats {
  public static final String SVG = "svg";

  /** text, json, dot, mermaid and svg. */
  public static final List<String> FORMATS = all();

  private PlanFormats() {}

  private static List<String> all() {
    List<String> formats = new ArrayList<>(PlanRenderer.FORMATS);
    formats.add(SVG);
    return List.copyOf(formats);
  }

  /**
   * Writes the plan in {@code format} to {@code out}.
   *
   * @throws UsageException when the format is not one of {@link #FORMATS}
   */
  public static void render(Plan plan, String format, Appendable out) throws IOException {
    if (SVG.equals(format)) {
      out.append(DagSvg.standalone(plan));
      return;
    }
    if (!FORMATS.contains(format)) {
      throw new UsageException(
          "unknown plan format '" + format + "'; use one of " + String.join(", ", FORMATS));
    }
    PlanRenderer.render(plan, format, out);
  }

  public static String render(Plan plan, String format) {
    StringBuilder sb = new StringBuilder();
    try {
      render(plan, format, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return sb.toString();
  }
}
