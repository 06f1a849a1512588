package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.core.api.RunOutcome;
import dev.baton.core.events.RunEvent;
import dev.baton.core.record.RunStatus;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify:} webhooks, against a real HTTP server on localhost. */
class NotifyRunTest {
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aFailedRunPostsTheFailureWebhookExactlyOnceNamingTheFailedStep() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0K3N";
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: notified
            notify:
              - {on: [failure], webhook: "%s"}
              - {on: [success], webhook: "%s"}
            steps:
              fine: {run: 'true'}
              broken: {run: 'exit 3'}
            """
                .formatted(url, url));
    RunOutcome out = f.run();
    assertThat(out.record().status()).isEqualTo(RunStatus.FAILED);
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0))
        .contains("\"status\":\"FAILED\"")
        .contains("\"id\":\"broken\"")
        .contains("\"text\":\"notified: FAILED");
    assertThat(warnings(f)).isEmpty();
  }

  @Test
  void aDeadWebhookCostsOneWarningWithoutItsTokenAndTheRunKeepsItsStatus() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort(); // closed again: nothing listens there
    }
    PipelineFixture f =
        new PipelineFixture(
            dir,
            """
            version: 1
            name: dead
            notify:
              - {on: [always], webhook: "http://127.0.0.1:%d/services/S3CRET"}
            steps:
              fine: {run: 'true'}
            """
                .formatted(dead));
    RunOutcome out = f.run();
    assertThat(out.record().status()).isEqualTo(RunStatus.SUCCEEDED);
    List<String> warnings = warnings(f);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("notification to http://127.0.0.1:" + dead + "/…");
    assertThat(warnings.get(0)).doesNotContain("S3CRET");
  }

  private static List<String> warnings(PipelineFixture f) {
    return f.events.stream()
        .filter(e -> e instanceof RunEvent.Notice n && n.level() == RunEvent.Level.WARNING)
        .map(e -> ((RunEvent.Notice) e).message())
        .filter(m -> m.contains("notification"))
        .toList();
  }
}
