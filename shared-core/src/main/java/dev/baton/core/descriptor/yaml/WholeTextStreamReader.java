package dev.baton.core.descriptor.yaml;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over text already in memory, with the same positions and the
 * same refusal of non-printable characters, in linear time.
 *
 * <p>Why: the library's reader fills a window 1,024 characters at a time and copies the whole
 * unread window on each fill. A scanner peeking along one token (a word of a plain or quoted
 * scalar, a key, a line of a block scalar) does not move the window's start until the token ends,
 * so a token of n characters costs n²/1,024 copied characters: a 4 MiB scalar copied about 8 GiB
 * and took minutes. Here the text's code points are decoded once and every peek is an index.
 */
final class WholeTextStreamReader extends StreamReader {
  private static final String NAME = "'reader'";

  private final int[] data;

  /** Where the first character SnakeYAML refuses is, or {@code data.length} when there is none. */
  private final int firstRefused;

  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  /** How many times a peek, prefix or forward asked for data: linear in the text for a scan. */
  private long reads;

  WholeTextStreamReader(String text) {
    super(Reader.nullReader());
    this.data = text.codePoints().toArray();
    int refused = data.length;
    for (int i = 0; i < data.length; i++) {
      if (!isPrintable(data[i])) {
        refused = i;
        break;
      }
    }
    this.firstRefused = refused;
  }

  /** Whether {@code size} more code points past the current one can be read. */
  private boolean available(int size) {
    reads++;
    if (pointer + size >= firstRefused && firstRefused < data.length) {
      throw new ReaderException(
          NAME, firstRefused, data[firstRefused], "special characters are not allowed");
    }
    return pointer + size < data.length;
  }

  long reads() {
    return reads;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, index, line, column, data, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && available(0); i++) {
      int c = data[pointer++];
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && available(0) && data[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int offset) {
    return available(offset) ? data[pointer + offset] : 0;
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    if (available(length)) {
      return new String(data, pointer, length);
    }
    return new String(data, pointer, Math.max(0, Math.min(length, data.length - pointer)));
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    pointer += length;
    index += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
