package dev.baton.core.plan;

import dev.baton.core.descriptor.Command;
import dev.baton.core.expr.Template;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The templates and {@code needs.*} references of a descriptor's texts, each parsed once: the cells
 * of a matrix share the step's texts, so a 100,000-cell matrix parses them once, not per cell.
 */
final class ParsedTexts {
  private final Map<String, Template> templates = new HashMap<>();
  private final Map<String, Set<String>> templateReads = new HashMap<>();
  private final Map<String, Set<String>> wholeReads = new HashMap<>();

  /** {@code text} parsed as a template. */
  Template template(String text) {
    Template t = templates.get(text);
    if (t == null) {
      t = Template.parse(text);
      templates.put(text, t);
    }
    return t;
  }

  /** {@link NeedsReferences#of(String, boolean)}, once per text. */
  Set<String> reads(String text, boolean whole) {
    return (whole ? wholeReads : templateReads)
        .computeIfAbsent(text, k -> NeedsReferences.of(text, whole));
  }

  /** What a command reads: the references of its script, or of each of its arguments. */
  Set<String> reads(Command run) {
    if (run instanceof Command.Shell shell) {
      return reads(shell.script(), false);
    }
    Set<String> reads = new LinkedHashSet<>();
    ((Command.Argv) run).args().forEach(a -> reads.addAll(reads(a, false)));
    return reads;
  }
}
