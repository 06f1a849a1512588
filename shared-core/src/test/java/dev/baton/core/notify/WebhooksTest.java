package dev.baton.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhooksTest {
  @Test
  void aServerErrorIsRetriedWithBackoffUntilItIsDelivered() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(calls.incrementAndGet() < 3 ? 503 : 200, -1);
          exchange.close();
        });
    server.start();
    try {
      Webhooks hooks = new Webhooks(Duration.ofSeconds(10), Duration.ofMillis(10));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
      assertThat(hooks.post(url, "{}")).isEmpty();
      assertThat(calls).hasValue(3);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          calls.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    try {
      Webhooks hooks = new Webhooks(Duration.ofSeconds(10), Duration.ofMillis(10));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
      assertThat(hooks.post(url, "{}")).contains("HTTP 404");
      assertThat(calls).hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aUrlIsShownWithoutItsPathWhichOftenHoldsAToken() {
    assertThat(Webhooks.masked("https://hooks.slack.com/services/T000/B000/XXXX"))
        .isEqualTo("https://hooks.slack.com/…");
  }
}
