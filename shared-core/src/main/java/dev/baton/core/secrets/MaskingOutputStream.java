package dev.baton.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Masks bytes on their way to another stream (see {@link Masker#filter}). It holds back only the
 * bytes that may still begin a secret (at most the longest form), so memory stays bounded whatever
 * the stream's length, and a secret split across writes is still caught.
 */
public final class MaskingOutputStream extends OutputStream {
  private static final int CHUNK = 64 * 1024;

  private final PatternAutomaton automaton;
  private final OutputStream out;
  private byte[] held;

  /** Stream position of {@code held[0]}, and of the next byte to come. */
  private long heldFrom;

  private long position;
  private int state = PatternAutomaton.ROOT;

  /**
   * Stretches to mask, [start, end) in stream positions, sorted and neither overlapping nor
   * touching; all lie in the held bytes.
   */
  private long[] starts = new long[16];

  private long[] ends = new long[16];
  private int first;
  private int last;

  /** Whether the last thing written was a mask, so touching stretches share one. */
  private boolean inMask;

  private long masks;
  private boolean closed;

  MaskingOutputStream(PatternAutomaton automaton, int longest, OutputStream out) {
    this.automaton = automaton;
    this.out = out;
    this.held = new byte[Math.max(CHUNK, 2 * longest + 1)];
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
    for (int i = off; i < off + len; i++) {
      int at = (int) (position - heldFrom);
      if (at == held.length) {
        release(position - automaton.depth(state));
        at = (int) (position - heldFrom);
      }
      held[at] = b[i];
      state = automaton.next(state, b[i]);
      position++;
      int match = automaton.longestEnding(state);
      if (match > 0) {
        cover(position - match, position);
      }
    }
    release(position - automaton.depth(state));
  }

  /** Passes on what is decided; the bytes that may begin a secret wait for what follows. */
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
      release(position);
    } finally {
      out.close();
    }
  }

  /** Adds [start, end): end is the furthest yet, so it can only merge with the last stretches. */
  private void cover(long start, long end) {
    while (last > first && ends[last - 1] >= start) {
      last--;
      start = Math.min(start, starts[last]);
    }
    if (last == starts.length) {
      starts = Arrays.copyOf(starts, 2 * last);
      ends = Arrays.copyOf(ends, 2 * last);
    }
    starts[last] = start;
    ends[last] = end;
    last++;
  }

  /** Writes the held bytes before {@code decided}, masked, and keeps the rest. */
  private void release(long decided) throws IOException {
    long at = heldFrom;
    if (decided <= at) {
      return;
    }
    while (first < last && starts[first] < decided) {
      if (starts[first] > at) {
        out.write(held, (int) (at - heldFrom), (int) (starts[first] - at));
        inMask = false;
      }
      if (!inMask) {
        out.write(Masker.MASK_BYTES);
        masks++;
        inMask = true;
      }
      if (ends[first] > decided) {
        // The stretch goes on past what is decided: its mask is written, the rest follows it.
        starts[first] = decided;
        at = decided;
        break;
      }
      at = ends[first];
      first++;
    }
    if (decided > at) {
      out.write(held, (int) (at - heldFrom), (int) (decided - at));
      inMask = false;
    }
    int kept = (int) (position - decided);
    System.arraycopy(held, (int) (decided - heldFrom), held, 0, kept);
    heldFrom = decided;
    if (first > 0) {
      System.arraycopy(starts, first, starts, 0, last - first);
      System.arraycopy(ends, first, ends, 0, last - first);
      last -= first;
      first = 0;
    }
  }
}
