package dev.baton.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.descriptor.NotifySpec;
import dev.baton.core.events.EventSink;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a run's outcome to the {@code notify:} webhooks whose triggers match: a JSON body with a
 * Slack/Teams-compatible {@code text}. A webhook that fails is retried with backoff within a
 * bounded time, then costs one warning event; it never fails the run. URLs are never shown whole:
 * they often carry a token.
 */
public final class Webhooks {
  /** The most one webhook may cost the run, retries included. */
  public static final Duration BUDGET = Duration.ofSeconds(10);

  static final int TRIES = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration budget;
  private final Duration firstBackoff;

  public Webhooks() {
    this(BUDGET, Duration.ofMillis(500));
  }

  Webhooks(Duration budget, Duration firstBackoff) {
    this.budget = budget;
    this.firstBackoff = firstBackoff;
  }

  /** Sends {@code record} to each of {@code specs} that its status triggers. */
  public void send(
      List<NotifySpec> specs, RunRecord record, Map<String, String> env, EventSink events) {
    for (NotifySpec spec : specs) {
      if (!triggered(spec, record.status())) {
        continue;
      }
      Optional<String> url = url(spec, env);
      if (url.isEmpty()) {
        events.accept(
            new RunEvent.Notice(
                RunEvent.Level.WARNING,
                "notification not sent: the environment variable "
                    + spec.webhookEnv()
                    + " that holds its webhook URL is not set; set it, or remove the notify entry"));
        continue;
      }
      post(url.get(), body(record, env)).ifPresent(why -> events.accept(warning(url.get(), why)));
    }
  }

  static boolean triggered(NotifySpec spec, RunStatus status) {
    boolean success = status == RunStatus.SUCCEEDED;
    return spec.on().contains(NotifySpec.Trigger.ALWAYS)
        || (success && spec.on().contains(NotifySpec.Trigger.SUCCESS))
        || (!success && spec.on().contains(NotifySpec.Trigger.FAILURE));
  }

  private static Optional<String> url(NotifySpec spec, Map<String, String> env) {
    if (!spec.webhookEnv().isEmpty()) {
      String v = env.get(spec.webhookEnv());
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
    return Optional.of(spec.webhook());
  }

  /** Posts once, retrying within the budget; empty when delivered, else why not. */
  Optional<String> post(String url, String body) {
    Instant deadline = Instant.now().plus(budget);
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(budget.dividedBy(TRIES))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    String why = "";
    Duration backoff = firstBackoff;
    for (int i = 1; i <= TRIES; i++) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(left)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        int code = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (code >= 200 && code < 300) {
          return Optional.empty();
        }
        why = "HTTP " + code;
        if (code < 500 && code != 429) {
          break; // the request itself is wrong: sending it again will not help
        }
      } catch (IOException | IllegalArgumentException e) {
        why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
      if (i < TRIES && Duration.between(Instant.now(), deadline).compareTo(backoff) > 0) {
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.of("interrupted");
        }
        backoff = backoff.multipliedBy(2);
      } else {
        break;
      }
    }
    return Optional.of(why.isEmpty() ? "no answer within " + budget.toSeconds() + " s" : why);
  }

  private static RunEvent.Notice warning(String url, String why) {
    return new RunEvent.Notice(
        RunEvent.Level.WARNING,
        "notification to "
            + masked(url)
            + " failed ("
            + masked(why.replace(url, masked(url)))
            + "); the run's outcome is unchanged; check the webhook URL and that it is reachable");
  }

  /** {@code https://hooks.example.com/…}: the path and query often hold a token. */
  static String masked(String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() != null && u.getHost() != null) {
        return u.getScheme()
            + "://"
            + u.getHost()
            + (u.getPort() > 0 ? ":" + u.getPort() : "")
            + "/…";
      }
    } catch (IllegalArgumentException e) {
      // not a URL: shown as is below, it holds no URL
    }
    return url;
  }

  static String body(RunRecord record, Map<String, String> env) {
    try {
      return JSON.writeValueAsString(NotificationBody.of(record, env));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification body cannot be written: " + e, e);
    }
  }
}
