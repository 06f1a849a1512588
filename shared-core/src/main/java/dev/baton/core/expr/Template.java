package dev.baton.core.expr;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Text with {@code ${{ expr }}} parts, such as {@code ./train.sh --lr ${{ matrix.lr }}}.
 *
 * <p>Values are written as text: numbers in plain decimal form (0.001, never 1E-3), true/false,
 * null as nothing; a list is an error. With {@link Quoting#SHELL} each value becomes exactly one
 * literal word of the {@code sh -c} command, whether the {@code ${{ }}} stands bare or inside '...'
 * or "..." quotes; a value can never add words or run code. Where no quoting can promise that
 * (inside backticks, ${...}, $((...)), a comment, after a here-document) rendering fails with a
 * hint instead. There is no escape for a literal <code>${{</code>.
 */
public final class Template {
  private static final String OPEN = "${{";
  private static final String CLOSE = "}}";

  /** One substitution: its expression, where its "${{" starts, and its shell surroundings. */
  private record Embedded(Expression expression, int start, ShellContext shell) {}

  private final String text;

  /** Literal text before each substitution, plus the text after the last: size = parts + 1. */
  private final List<String> literals;

  private final List<Embedded> parts;

  private Template(String text, List<String> literals, List<Embedded> parts) {
    this.text = text;
    this.literals = literals;
    this.parts = parts;
  }

  /**
   * Parses {@code text}; an unclosed <code>${{</code> or a bad expression fails at its offset, and
   * so does a {@linkplain StatusFunction status function}: see {@link #parseCondition}.
   */
  public static Template parse(String text) {
    return parse(text, false);
  }

  /** Parses a step's {@code when}: like {@link #parse}, with the status functions allowed. */
  public static Template parseCondition(String text) {
    return parse(text, true);
  }

  private static Template parse(String text, boolean allowStatus) {
    Objects.requireNonNull(text, "text");
    List<String> literals = new ArrayList<>();
    List<Expression> expressions = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    int pos = 0;
    for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, pos)) {
      int close = TemplateScan.findClose(text, open + OPEN.length());
      literals.add(text.substring(pos, open));
      expressions.add(TemplateScan.inner(text, open + OPEN.length(), close, allowStatus));
      starts.add(open);
      pos = close + CLOSE.length();
    }
    literals.add(text.substring(pos));
    List<ShellContext> shell = ShellScanner.scan(skeleton(literals), markers(literals));
    List<Embedded> parts = new ArrayList<>();
    for (int k = 0; k < expressions.size(); k++) {
      parts.add(new Embedded(expressions.get(k), starts.get(k), shell.get(k)));
    }
    return new Template(text, List.copyOf(literals), List.copyOf(parts));
  }

  /** The literal text with one ordinary character standing in for each substitution. */
  private static String skeleton(List<String> literals) {
    return String.join("x", literals);
  }

  private static BitSet markers(List<String> literals) {
    BitSet markers = new BitSet();
    int at = 0;
    for (int k = 0; k < literals.size() - 1; k++) {
      at += literals.get(k).length();
      markers.set(at);
      at++;
    }
    return markers;
  }

  /** The text with every {@code ${{ }}} replaced by its value, quoted as {@code quoting} says. */
  public String render(Bindings bindings, Quoting quoting) {
    Objects.requireNonNull(quoting, "quoting");
    if (quoting == Quoting.SHELL) {
      requireShellSafe();
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int k = 0; k < parts.size(); k++) {
      out.append(literals.get(k));
      Embedded part = parts.get(k);
      String value = Values.toText(part.expression().evaluate(bindings), part.start());
      out.append(quoting == Quoting.SHELL ? writeForShell(part, value) : value);
    }
    return out.append(literals.get(parts.size())).toString();
  }

  /**
   * Every substitution that {@link #render} would fail on, each with its own offset, not only the
   * first: a check can then name all the unknown names of one command at once.
   */
  public List<ExpressionException> problems(Bindings bindings, Quoting quoting) {
    List<ExpressionException> found = new ArrayList<>();
    for (Embedded part : parts) {
      try {
        if (quoting == Quoting.SHELL && !part.shell().isSafe()) {
          requireShellSafe(part);
        }
        String value = Values.toText(part.expression().evaluate(bindings), part.start());
        if (quoting == Quoting.SHELL) {
          writeForShell(part, value);
        }
      } catch (ExpressionException e) {
        found.add(e);
      }
    }
    return found;
  }

  private static String writeForShell(Embedded part, String value) {
    try {
      return part.shell().write(value);
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(
          part.start(),
          "the value of '" + part.expression().text() + "' contains a NUL character",
          "shell commands cannot carry NUL; remove it from the value");
    }
  }

  /**
   * Throws {@link ExpressionException} at the first {@code ${{ }}} whose value could not be quoted
   * as one shell word where it stands; lets a descriptor check catch it before a run.
   */
  public void requireShellSafe() {
    for (Embedded part : parts) {
      requireShellSafe(part);
    }
  }

  private static void requireShellSafe(Embedded part) {
    if (!part.shell().isSafe()) {
      throw new ExpressionException(
          part.start(),
          "${{ "
              + part.expression().text()
              + " }} cannot be shell-quoted "
              + part.shell().unsafeReason(),
          "move it out into a plain argument or a variable, like V=${{ "
              + part.expression().text()
              + " }}; then use \"$V\"");
    }
  }

  /** True when the text has at least one {@code ${{ }}}. */
  public boolean hasExpressions() {
    return !parts.isEmpty();
  }

  /** The dotted names all substitutions read, in order of appearance. */
  public Set<String> references() {
    Set<String> names = new LinkedHashSet<>();
    parts.forEach(part -> names.addAll(part.expression().references()));
    return Collections.unmodifiableSet(names);
  }

  /** True when {@code text} contains a <code>${{</code>, without parsing it. */
  public static boolean containsExpression(String text) {
    return text != null && text.contains(OPEN);
  }

  /**
   * When the whole text is one ${{ expr }} (surrounding whitespace allowed), that expression; else
   * empty. Used for `when: ${{ ... }}`, so the {@linkplain StatusFunction status functions} may be
   * called. Error offsets of the expression are within {@code text}.
   *
   * @throws ExpressionException when the text has a malformed {@code ${{ }}}
   */
  public static Optional<Expression> whole(String text) {
    if (!containsExpression(text)) {
      return Optional.empty();
    }
    Template template = parse(text, true);
    boolean single =
        template.parts.size() == 1
            && template.literals.get(0).isBlank()
            && template.literals.get(1).isBlank();
    return single ? Optional.of(template.parts.get(0).expression()) : Optional.empty();
  }

  /** The template's source text. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
