package dev.baton.core.plan;

import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/** A {@link Writer} over an {@link Appendable}, for Jackson's generator; closing closes nothing. */
final class AppendableWriter extends Writer {
  private final Appendable out;

  private AppendableWriter(Appendable out) {
    this.out = out;
  }

  static Writer of(Appendable out) {
    return out instanceof Writer w ? w : new AppendableWriter(out);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    out.append(new String(buffer, offset, length));
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    out.append(text, offset, offset + length);
  }

  @Override
  public Writer append(CharSequence text) throws IOException {
    out.append(text);
    return this;
  }

  @Override
  public void flush() throws IOException {
    if (out instanceof Flushable f) {
      f.flush();
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
