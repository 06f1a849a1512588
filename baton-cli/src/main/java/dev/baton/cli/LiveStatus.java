package dev.baton.cli;

import dev.baton.core.descriptor.Durations;
import dev.baton.core.events.RunEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A one-line footer on a terminal: running steps with their elapsed time, queued and done counts.
 */
final class LiveStatus {
  private static final String CLEAR = "\r\033[K";
  private final PrintStream out;
  private final Map<String, Long> running = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private int queued;
  private int done;
  private int total;
  private long start = System.nanoTime();
  private boolean footerShown;

  LiveStatus(PrintStream out) {
    this.out = out;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "baton-live-status");
              t.setDaemon(true);
              return t;
            });
    // Cancelled with the ticker (close); redraw catches nothing, so a failing one ends the display.
    var unused = ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
  }

  synchronized void update(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      total = e.stepCount();
      start = System.nanoTime();
    } else if (event instanceof RunEvent.StepQueued) {
      queued++;
    } else if (event instanceof RunEvent.StepStarted e) {
      queued = Math.max(0, queued - 1);
      running.put(e.stepId(), System.nanoTime());
    } else if (event instanceof RunEvent.StepRetrying e) {
      running.remove(e.stepId());
    } else if (event instanceof RunEvent.StepFinished e) {
      if (running.remove(e.stepId()) == null
          && queued > 0
          && e.message().contains("before it started")) {
        queued--;
      }
      done++;
    } else if (event instanceof RunEvent.RunFinished) {
      close();
    }
  }

  synchronized void printAbove(String line) {
    if (footerShown) {
      out.print(CLEAR);
    }
    out.println(line);
    drawFooter();
  }

  synchronized void close() {
    ticker.shutdownNow();
    if (footerShown) {
      out.print(CLEAR);
      out.flush();
      footerShown = false;
    }
  }

  private synchronized void redraw() {
    if (ticker.isShutdown()) {
      return;
    }
    out.print(CLEAR);
    drawFooter();
  }

  private void drawFooter() {
    if (ticker.isShutdown()) {
      out.flush();
      return;
    }
    long now = System.nanoTime();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%s | done %d/%d | running %d | queued %d",
            Durations.human(Duration.ofNanos(now - start)), done, total, running.size(), queued));
    int shown = 0;
    for (Map.Entry<String, Long> r : running.entrySet()) {
      if (shown++ == 3) {
        sb.append(" ...");
        break;
      }
      sb.append(" | ")
          .append(r.getKey())
          .append(' ')
          .append(Durations.human(Duration.ofNanos(now - r.getValue())));
    }
    String text = sb.length() > 200 ? sb.substring(0, 200) : sb.toString();
    out.print(text);
    out.flush();
    footerShown = true;
  }
}
