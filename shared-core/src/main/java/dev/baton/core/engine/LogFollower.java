package dev.baton.core.engine;

import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows step logs as they grow and sends each new line as a {@link RunEvent.StepOutput}. Reads in
 * bounded chunks, so a step printing 100 MB costs no heap.
 */
final class LogFollower implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;
  private static final int MAX_LINE = 8 * 1024;

  private final EventSink events;
  private final Map<String, Followed> logs = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean open = true;

  LogFollower(EventSink events) {
    this.events = events;
    this.thread = new Thread(this::loop, "baton-log-follower");
    thread.setDaemon(true);
    thread.start();
  }

  void follow(String stepId, Path log, long fromOffset) {
    logs.put(stepId, new Followed(stepId, log, fromOffset));
  }

  /** Reads what is left of the step's log, then stops following it. */
  void finish(String stepId) {
    Followed f = logs.remove(stepId);
    if (f != null) {
      synchronized (f) {
        f.drain(events, true);
      }
    }
  }

  private void loop() {
    while (open) {
      for (Followed f : logs.values()) {
        synchronized (f) {
          f.drain(events, false);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }

  private static final class Followed {
    final String stepId;
    final Path log;
    long offset;
    final StringBuilder partial = new StringBuilder();

    Followed(String stepId, Path log, long offset) {
      this.stepId = stepId;
      this.log = log;
      this.offset = offset;
    }

    void drain(EventSink events, boolean last) {
      long length = log.toFile().length();
      if (length > offset) {
        read(events, length);
      }
      if (last && partial.length() > 0) {
        events.accept(new RunEvent.StepOutput(stepId, partial.toString()));
        partial.setLength(0);
      }
    }

    // Opened only when the log has grown: most polls, and most steps, find nothing new.
    private void read(EventSink events, long length) {
      try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(length - offset, 4096))];
        while (offset < f.length()) {
          f.seek(offset);
          int n = f.read(buf);
          if (n <= 0) {
            break;
          }
          offset += n;
          emitLines(new String(buf, 0, n, StandardCharsets.UTF_8), events);
        }
      } catch (IOException e) {
        // gone or unreadable: what it held is in the report's log, if anywhere
      }
    }

    private void emitLines(String text, EventSink events) {
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          partial.append(text, start, i);
          events.accept(new RunEvent.StepOutput(stepId, strip(partial)));
          partial.setLength(0);
          start = i + 1;
        }
      }
      partial.append(text, start, text.length());
      if (partial.length() > MAX_LINE) {
        events.accept(new RunEvent.StepOutput(stepId, partial.toString()));
        partial.setLength(0);
      }
    }

    private static String strip(StringBuilder line) {
      int n = line.length();
      return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }
  }
}
