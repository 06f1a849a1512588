package dev.baton.core.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed expression of Baton's small, safe expression language, used by {@code when:} conditions,
 * validation gates and {@code ${{ }}} substitution.
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>Literals: {@code 'single'} or {@code "double"} quoted strings (the quote is escaped by
 *       doubling it: {@code 'it''s'}; there are no backslash escapes), numbers such as {@code 3},
 *       {@code -1}, {@code 0.001} or {@code 1e-3}, {@code true}, {@code false}, {@code null}.
 *   <li>Names: dotted paths such as {@code params.dataset}, {@code matrix.lr}, {@code env.HOME}; a
 *       segment may contain '-' between other characters ({@code params.my-param}).
 *   <li>Lists, for {@code in}: {@code ['main', 'release']}.
 *   <li>Operators, loosest first: {@code ||}, then {@code &&}, then one of {@code == != < <= > >=
 *       in} (comparisons do not chain: {@code a < b < c} is an error), then {@code !}. Parentheses
 *       group.
 *   <li>Calls of the functions in {@link Functions}: {@code contains}, {@code startsWith}, {@code
 *       endsWith}, {@code join}, {@code format}, {@code toJSON}, {@code fromJSON}. There is no
 *       arithmetic or assignment.
 * </ul>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Truthiness follows GitHub Actions: {@code false}, {@code null}, numeric zero and {@code ''}
 *       are falsy; everything else is truthy, including the strings {@code 'false'} and {@code '0'}
 *       (short-form parameters are strings, so test them with {@code params.x == 'true'}).
 *   <li>{@code &&} and {@code ||} short-circuit and yield an operand, as in GitHub Actions: {@code
 *       params.tag || 'latest'} is the tag when set, else 'latest'. {@code !}, comparisons and
 *       {@code in} yield a boolean.
 *   <li>{@code ==} and {@code !=}: when both sides are numbers, or strings that read as decimal
 *       numbers, they compare numerically ({@code '0.10' == 0.1}); otherwise both sides compare as
 *       case-sensitive text, where true/false read as 'true'/'false' and null reads as ''.
 *   <li>{@code < <= > >=}: numerically when both sides are numbers, lexicographically when both are
 *       non-numeric strings, and an error otherwise (a number against 'NaN', booleans, null), so a
 *       gate never passes by accident.
 *   <li>{@code x in list} is true when some element {@code ==} x; the right side must be a list.
 *   <li>An unknown name is an error when evaluation reaches it (with a did-you-mean hint); names in
 *       a branch that short-circuiting skips are not looked up.
 *   <li>Input is limited to 4096 characters and 64 levels of nesting, so hostile text fails with a
 *       message rather than exhausting the stack.
 * </ul>
 *
 * <p>Error offsets are relative to the text given to the parse call that produced the expression:
 * {@link #parse(String)} itself, or the whole template for {@link Template}.
 */
public final class Expression {
  static final int MAX_LENGTH = 4096;

  private final String text;
  private final Node root;
  private final int base;
  private final Set<String> references;

  private Expression(String text, Node root, int base) {
    this.text = text;
    this.root = root;
    this.base = base;
    Set<String> names = new LinkedHashSet<>();
    root.collectNames(names);
    this.references = Collections.unmodifiableSet(names);
  }

  /** Parses an expression; throws {@link ExpressionException} pointing at the first mistake. */
  public static Expression parse(String text) {
    return parse(text, 0);
  }

  /** Parses {@code text} that starts at {@code base} of a larger text, reporting offsets there. */
  static Expression parse(String text, int base) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new ExpressionException(
          base + MAX_LENGTH,
          "expression is longer than " + MAX_LENGTH + " characters",
          "move the logic into a script step and test its result");
    }
    try {
      return new Expression(text, Parser.parse(text), base);
    } catch (ExpressionException e) {
      throw e.shiftedBy(base);
    }
  }

  /**
   * The value: a String, java.math.BigDecimal, Boolean, null or an unmodifiable List of those.
   * Throws {@link ExpressionException} for an unknown name or values that cannot be compared.
   */
  public @Nullable Object evaluate(Bindings bindings) {
    Objects.requireNonNull(bindings, "bindings");
    try {
      return root.evaluate(bindings);
    } catch (ExpressionException e) {
      throw e.shiftedBy(base);
    }
  }

  /** Evaluates and applies truthiness: false, null, 0 and '' are false, all else true. */
  public boolean test(Bindings bindings) {
    return Values.isTruthy(evaluate(bindings));
  }

  /**
   * The text a scalar value is substituted as ({@code 0.10} as {@code 0.1}, null as empty); a list
   * is an error.
   */
  public static String textOf(@Nullable Object value) {
    return Values.toText(value, 0);
  }

  /** The dotted names the expression reads, in order of appearance, e.g. "params.dataset". */
  public Set<String> references() {
    return references;
  }

  /** The expression's source text. */
  public String text() {
    return text;
  }

  /** Where this expression's text starts within the text it was parsed from. */
  int base() {
    return base;
  }

  @Override
  public String toString() {
    return text;
  }
}
