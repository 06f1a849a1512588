package dev.baton.core.report;

import dev.baton.core.record.AttemptRecord;
import dev.baton.core.record.AttemptUsage;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.usage.RightSizing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's "Resource use" section: each measured step's last attempt, and the advice. */
final class HtmlUsageSection {
  private HtmlUsageSection() {}

  /**
   * The section, or an empty string when no attempt was measured; the cells of each matrix step
   * that {@code groups} groups are one row, their sums and peaks (a row and a chart per cell made
   * 900 bytes a cell: 90 MB for 100,000 cells).
   */
  static String render(RunRecord record, HtmlCellGroups groups) {
    StringBuilder rows = new StringBuilder();
    Map<String, GroupUse> grouped = new LinkedHashMap<>();
    for (StepRecord step : record.steps()) {
      if (step.attempts().isEmpty()) {
        continue;
      }
      AttemptRecord last = step.attempts().get(step.attempts().size() - 1);
      AttemptUsage u = last.usage();
      if (u == null) {
        continue;
      }
      if (groups.grouped(step)) {
        grouped.computeIfAbsent(step.step(), k -> new GroupUse()).add(u);
        continue;
      }
      rows.append("<tr><td class=\"step-id\">")
          .append(Html.esc(step.id()))
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.2f", u.cpuSeconds()))
          .append("</td><td class=\"num\">")
          .append(UsageSvg.bytes(u.peakRssBytes()))
          .append("</td><td class=\"num\">")
          .append(u.meanRssBytes() == null ? "" : UsageSvg.bytes(u.meanRssBytes()))
          .append("</td><td class=\"num\">")
          .append(UsageSvg.bytes(u.readBytes()))
          .append(" / ")
          .append(UsageSvg.bytes(u.writeBytes()))
          .append("</td><td>")
          .append(UsageSvg.render(step, last, u))
          .append("</td></tr>\n");
    }
    grouped.forEach((name, use) -> use.row(rows, name));
    List<RightSizing.Advice> advice = RightSizing.advise(List.of(record));
    if (rows.length() == 0 && advice.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"usage\">\n<h2>Resource use</h2>\n");
    if (rows.length() > 0) {
      html.append("<div class=\"scroll\"><table class=\"usage\">\n<thead><tr>")
          .append("<th>Step</th><th class=\"num\">CPU s</th><th class=\"num\">Peak RSS</th>")
          .append("<th class=\"num\">Mean RSS</th><th class=\"num\">Read / written</th>")
          .append("<th>Use (bars: mean inside peak; tick: asked)</th></tr></thead>\n<tbody>\n")
          .append(rows)
          .append("</tbody>\n</table></div>\n");
    }
    if (!advice.isEmpty()) {
      html.append("<h3>Right-sizing advice</h3>\n<ul class=\"advice\">\n");
      for (RightSizing.Advice a : advice) {
        html.append("<li>").append(Html.esc(a.text())).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    return html.append("</section>\n").toString();
  }

  /** The advice as a Markdown section for summary.md, or an empty string when there is none. */
  static String markdown(RunRecord record) {
    List<RightSizing.Advice> advice = RightSizing.advise(List.of(record));
    if (advice.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## Right-sizing advice\n\n");
    for (RightSizing.Advice a : advice) {
      md.append("- ").append(Markdown.inline(a.text())).append('\n');
    }
    return md.append('\n').toString();
  }

  /** The use of a group's measured cells, summed; the peaks are the largest cell's. */
  private static final class GroupUse {
    private int cells;
    private double cpuSeconds;
    private long peakRss;
    private long read;
    private long written;

    void add(AttemptUsage u) {
      cells++;
      cpuSeconds += u.cpuSeconds();
      peakRss = Math.max(peakRss, u.peakRssBytes());
      read += u.readBytes();
      written += u.writeBytes();
    }

    void row(StringBuilder rows, String name) {
      rows.append("<tr class=\"cell-group\"><td class=\"step-id\">")
          .append(Html.esc(name))
          .append(" (")
          .append(String.format(Locale.ROOT, "%,d", cells))
          .append(" cells, summed)</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.2f", cpuSeconds))
          .append("</td><td class=\"num\">")
          .append(UsageSvg.bytes(peakRss))
          .append(" (largest cell)</td><td class=\"num\"></td><td class=\"num\">")
          .append(UsageSvg.bytes(read))
          .append(" / ")
          .append(UsageSvg.bytes(written))
          .append("</td><td></td></tr>\n");
    }
  }
}
