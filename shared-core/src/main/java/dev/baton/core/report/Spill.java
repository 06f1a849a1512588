package dev.baton.core.report;

import java.io.IOException;

/**
 * Text built in a buffer and handed on to its destination whenever the buffer passes {@link #PIECE}
 * characters, so that a report of 100,000 rows is written as it is built and never held whole in
 * memory. When the destination is itself the buffer's kind (a {@code StringBuilder}) it is written
 * into directly.
 */
final class Spill {
  /** Characters held before they are handed on. */
  static final int PIECE = 1 << 16;

  private final Appendable out;
  private final StringBuilder buffer;

  Spill(Appendable out) {
    this.out = out;
    this.buffer = out instanceof StringBuilder sb ? sb : new StringBuilder(PIECE + 1024);
  }

  /** Where the text is built. */
  StringBuilder buffer() {
    return buffer;
  }

  /** Hands the buffer on if it has grown past a piece. */
  void maybe() throws IOException {
    if (buffer.length() >= PIECE) {
      flush();
    }
  }

  /** Hands on whatever the buffer holds. */
  void flush() throws IOException {
    if (buffer != out) {
      out.append(buffer);
      buffer.setLength(0);
    }
  }
}
