package dev.baton.core.report;

import dev.baton.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A report's text streamed as UTF-8 into a file that {@link AtomicFiles} replaces atomically. */
final class Utf8Text {
  /** Writes text to a writer that the caller neither flushes nor closes. */
  interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private Utf8Text() {}

  static AtomicFiles.Content of(Body body) {
    return stream -> {
      Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
      body.writeTo(out);
      out.flush();
    };
  }
}
