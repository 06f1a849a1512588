package dev.baton.core.errors;

/**
 * A place in a descriptor file, 1-based, printed the way compilers do: {@code file:line:column}.
 */
public record SourcePosition(String file, int line, int column) {

  /** A position for input that has no file, such as a {@code -p} parameter. */
  public static SourcePosition of(String origin) {
    return new SourcePosition(origin, 0, 0);
  }

  /** The position {@code offset} characters further along the same line. */
  public SourcePosition shiftColumns(int offset) {
    return new SourcePosition(file, line, column + offset);
  }

  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }
}
