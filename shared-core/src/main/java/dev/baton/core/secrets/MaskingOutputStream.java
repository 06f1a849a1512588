package dev.baton.core.secrets;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Masks bytes on their way to another stream (see {@link Masker#filter}). Memory stays bounded by
 * the buffer, whatever the stream's length.
 */
public final class MaskingOutputStream extends OutputStream {
  private static final int CHUNK = 64 * 1024;

  private final Masker masker;
  private final OutputStream out;
  private final byte[] buf;
  private int length;

  /** Positions before this index of {@link #buf} lie inside a match. */
  private int coveredUntil;

  /** Whether the last byte handled was masked, so a stretch gets one mask however long. */
  private boolean inMask;

  private long masks;
  private boolean closed;

  MaskingOutputStream(Masker masker, OutputStream out) {
    this.masker = masker;
    this.out = out;
    this.buf = new byte[Math.max(CHUNK, 2 * masker.longest() + 1)];
  }

  /** How many masks this stream has written so far. */
  public long masks() {
    return masks;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, buf.length - length);
      System.arraycopy(b, off, buf, length, n);
      length += n;
      off += n;
      len -= n;
      if (length == buf.length) {
        process(false);
      }
    }
  }

  /** Passes on what is known; the last bytes wait for what follows unless this is the end. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process(true);
    } finally {
      out.close();
    }
  }

  private void process(boolean last) throws IOException {
    // A position is decided once the longest form starting there could be seen whole.
    int decided = last ? length : length - Math.max(0, masker.longest() - 1);
    if (decided <= 0) {
      return;
    }
    int plainFrom = 0;
    for (int i = 0; i < decided; i++) {
      int match = masker.matchAt(buf, i, length);
      if (match > 0) {
        coveredUntil = Math.max(coveredUntil, i + match);
      }
      if (i < coveredUntil) {
        if (!inMask) {
          out.write(buf, plainFrom, i - plainFrom);
          out.write(Masker.MASK_BYTES);
          masks++;
          inMask = true;
        }
        plainFrom = i + 1;
      } else {
        inMask = false;
      }
    }
    out.write(buf, plainFrom, decided - plainFrom);
    System.arraycopy(buf, decided, buf, 0, length - decided);
    length -= decided;
    coveredUntil = Math.max(0, coveredUntil - decided);
  }
}
