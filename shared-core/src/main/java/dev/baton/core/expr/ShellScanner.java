package dev.baton.core.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Follows POSIX shell quoting through a command line to learn the {@link ShellContext} of each
 * substitution. It tracks quotes, escapes, $( ) and ( ) nesting, and skips over backticks, ${ },
 * $(( )) and comments. Where the shells disagree or the scanner could lose track (here-documents,
 * $'...', 'case' inside parentheses), every later substitution is marked unsafe: refusing to render
 * is better than guessing wrong and letting a value run as code.
 */
final class ShellScanner {
  private enum Mode {
    UNQUOTED,
    NESTED, // inside $( ) or ( ): unquoted, closed by ')'
    SINGLE,
    DOUBLE,
    BACKTICK,
    PARAM,
    ARITH,
    COMMENT
  }

  private static final class Frame {
    final Mode mode;
    int depth;

    Frame(Mode mode, int depth) {
      this.mode = mode;
      this.depth = depth;
    }
  }

  private final String text;
  private final BitSet markers;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final List<ShellContext> contexts = new ArrayList<>();
  private @Nullable String lostTrackBecause;
  private int i;

  private ShellScanner(String text, BitSet markers) {
    this.text = text;
    this.markers = markers;
  }

  /**
   * The context of each marked position, in order.
   *
   * @param text the command with each substitution replaced by one ordinary character
   * @param markers the positions of those characters
   */
  static List<ShellContext> scan(String text, BitSet markers) {
    ShellScanner scanner = new ShellScanner(text, markers);
    scanner.run();
    return scanner.contexts;
  }

  private void run() {
    stack.push(new Frame(Mode.UNQUOTED, 0));
    for (i = 0; i < text.length(); i++) {
      if (markers.get(i)) {
        record(contextHere());
        continue;
      }
      char c = text.charAt(i);
      switch (stack.peek().mode) {
        case UNQUOTED, NESTED -> unquoted(c);
        case SINGLE -> closeOn(c, '\'');
        case DOUBLE -> doubleQuoted(c);
        case BACKTICK -> backtick(c);
        case PARAM -> bracketed(c, '{', '}', "quotes or substitutions inside ${...}");
        case ARITH -> bracketed(c, '(', ')', "quotes inside $((...))");
        case COMMENT -> closeOn(c, '\n');
      }
    }
  }

  private void unquoted(char c) {
    switch (c) {
      case '\\' -> escapeNext();
      case '\'' -> push(Mode.SINGLE, 0);
      case '"' -> push(Mode.DOUBLE, 0);
      case '`' -> push(Mode.BACKTICK, 0);
      case '$' -> dollar(true);
      case '(' -> push(Mode.NESTED, 0);
      case ')' -> closeOn(c, ')');
      case '#' -> {
        if (atWordStart()) {
          push(Mode.COMMENT, 0);
        }
      }
      case '<' -> {
        if (peek(1) == '<') {
          loseTrack("a here-document (<<)");
        }
      }
      default -> {
        if (stack.peek().mode == Mode.NESTED && atWordStart() && isWord("case")) {
          // a case pattern's ')' would look like the end of the parentheses
          loseTrack("'case' inside $( ) or ( )");
        }
      }
    }
  }

  private void doubleQuoted(char c) {
    switch (c) {
      case '\\' -> escapeNext();
      case '"' -> stack.pop();
      case '`' -> push(Mode.BACKTICK, 0);
      case '$' -> dollar(false);
      default -> {}
    }
  }

  /** POSIX leaves quotes and comments inside backticks undefined, so they end the tracking. */
  private void backtick(char c) {
    if (c == '\\') {
      escapeNext();
    } else if (c == '`') {
      stack.pop();
    } else if (c == '\'' || c == '"' || c == '#' || (c == '$' && peek(1) == '(')) {
      loseTrack("quotes or substitutions inside backticks");
    }
  }

  private void bracketed(char c, char open, char close, String confusing) {
    Frame frame = stack.peek();
    if (c == '\\') {
      escapeNext();
    } else if (c == open) {
      frame.depth++;
    } else if (c == close && --frame.depth == 0) {
      stack.pop();
    } else if (c == '\'' || c == '"' || c == '`' || (c == '$' && peek(1) == '(' && open == '{')) {
      loseTrack(confusing);
    }
  }

  private void dollar(boolean unquoted) {
    char next = peek(1);
    if (markers.get(i + 1)) {
      i++;
      record(ShellContext.unsafe("right after '$', where the value would be read as a name"));
    } else if (next == '(' && peek(2) == '(') {
      i += 2;
      push(Mode.ARITH, 2);
    } else if (next == '(') {
      i++;
      push(Mode.NESTED, 0);
    } else if (next == '{') {
      i++;
      push(Mode.PARAM, 1);
    } else if (unquoted && (next == '\'' || next == '"')) {
      loseTrack("$'...' or $\"...\", which shells quote differently");
    }
  }

  /** Skips the escaped character; a substitution right after a backslash cannot be quoted. */
  private void escapeNext() {
    if (i + 1 < text.length()) {
      i++;
      if (markers.get(i)) {
        record(ShellContext.unsafe("right after a backslash, which would escape the quoting"));
      }
    }
  }

  private ShellContext contextHere() {
    switch (stack.peek().mode) {
      case UNQUOTED, NESTED -> {
        char before = i > 0 ? text.charAt(i - 1) : ' ';
        return before == '{' || before == '~' ? ShellContext.WORD_QUOTED_ALWAYS : ShellContext.WORD;
      }
      case SINGLE -> {
        return ShellContext.SINGLE_QUOTED;
      }
      case DOUBLE -> {
        return ShellContext.DOUBLE_QUOTED;
      }
      case BACKTICK -> {
        return ShellContext.unsafe("inside backticks");
      }
      case PARAM -> {
        return ShellContext.unsafe("inside ${...}");
      }
      case ARITH -> {
        return ShellContext.unsafe("inside $((...))");
      }
      default -> {
        return ShellContext.unsafe("inside a comment, which a newline in the value would end");
      }
    }
  }

  private void record(ShellContext context) {
    contexts.add(
        lostTrackBecause != null && context.isSafe()
            ? ShellContext.unsafe("after " + lostTrackBecause)
            : context);
  }

  private void loseTrack(String because) {
    if (lostTrackBecause == null) {
      lostTrackBecause = because;
    }
  }

  private void closeOn(char c, char closer) {
    if (c == closer && stack.size() > 1) {
      stack.pop();
    }
  }

  private void push(Mode mode, int depth) {
    stack.push(new Frame(mode, depth));
  }

  private boolean atWordStart() {
    return i == 0 || " \t\n;&|()<>".indexOf(text.charAt(i - 1)) >= 0;
  }

  private boolean isWord(String word) {
    int end = i + word.length();
    return text.startsWith(word, i)
        && (end == text.length() || " \t\n;".indexOf(text.charAt(end)) >= 0);
  }

  private char peek(int ahead) {
    int at = i + ahead;
    return at < text.length() && !markers.get(at) ? text.charAt(at) : '\0';
  }
}
