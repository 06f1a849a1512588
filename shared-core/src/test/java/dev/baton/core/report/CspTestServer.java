package dev.baton.core.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves a report directory on 127.0.0.1 the way Jenkins serves archived artifacts: every response
 * carries Jenkins' default Content-Security-Policy. A {@code report-uri} is added (it changes no
 * enforcement) so the browser also posts each violation here, and every request is recorded so a
 * missing file shows up as a 404.
 */
final class CspTestServer implements AutoCloseable {
  static final String JENKINS_CSP =
      "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self'";
  private static final String REPORT_PATH = "/csp-report";

  private final HttpServer server;
  private final Path root;
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  CspTestServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String file) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
  }

  /** Requests answered 404, except the favicon every browser asks for on its own. */
  List<String> missing() {
    return requests.stream()
        .filter(r -> r.endsWith(" 404") && !r.contains("/favicon.ico"))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      exchange
          .getResponseHeaders()
          .add("Content-Security-Policy", JENKINS_CSP + "; report-uri " + REPORT_PATH);
      if (path.equals(REPORT_PATH)) {
        violations.add(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        requests.add(exchange.getRequestMethod() + " " + path + " 404");
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      requests.add(exchange.getRequestMethod() + " " + path + " 200");
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().add("Content-Type", contentType(path));
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static String contentType(String path) {
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
