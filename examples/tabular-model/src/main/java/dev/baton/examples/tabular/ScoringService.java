package dev.baton.examples.tabular;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny local scoring service with canary routing: {@code weight}% of {@code /score} requests go
 * to the candidate model, the rest to the champion. {@code POST /weight} moves the share; {@code
 * GET /health} answers 503 once the weight reaches {@code breakAt}, to demonstrate a rollback.
 *
 * <p>Usage: {@code ScoringService <port> <breakAt> <candidate.onnx> <champion.onnx>}; a missing
 * champion (the first run) means the candidate serves both routes.
 */
public final class ScoringService {
  private final AtomicInteger weight = new AtomicInteger();
  private final int breakAt;
  private final OnnxScorer candidate;
  private final OnnxScorer champion;

  private ScoringService(int breakAt, OnnxScorer candidate, OnnxScorer champion) {
    this.breakAt = breakAt;
    this.candidate = candidate;
    this.champion = champion;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path candidatePath = Path.of(args[2]);
    Path championPath = Path.of(args[3]);
    OnnxScorer candidate = new OnnxScorer(candidatePath);
    OnnxScorer champion =
        Files.exists(championPath) ? new OnnxScorer(championPath) : new OnnxScorer(candidatePath);
    var service = new ScoringService(Integer.parseInt(args[1]), candidate, champion);
    // Without TCP_NODELAY every small reply waits ~40 ms on Nagle and delayed ACKs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/health", service::health);
    server.createContext("/weight", service::weight);
    server.createContext("/score", service::score);
    server.start();
    System.out.printf(
        "scoring on http://127.0.0.1:%d (pid %d)%n", port, ProcessHandle.current().pid());
  }

  private void health(HttpExchange exchange) throws IOException {
    int now = weight.get();
    boolean sick = now >= breakAt;
    reply(
        exchange, sick ? 503 : 200, String.format("{\"weight\": %d, \"healthy\": %b}", now, !sick));
  }

  private void weight(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("POST")) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int requested = Integer.parseInt(body.strip());
      if (requested < 0 || requested > 100) {
        reply(exchange, 400, "{\"error\": \"weight must be 0 to 100\"}");
        return;
      }
      weight.set(requested);
      System.out.println("candidate weight is now " + requested + "%");
    }
    reply(exchange, 200, "{\"weight\": " + weight.get() + "}");
  }

  /** {@code GET /score?x=0.1,0.2,...} answers the positive probability and which model gave it. */
  private void score(HttpExchange exchange) throws IOException {
    try {
      String[] parts = exchange.getRequestURI().getQuery().replace("x=", "").split(",");
      float[] row = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        row[i] = Float.parseFloat(parts[i]);
      }
      boolean toCandidate = ThreadLocalRandom.current().nextInt(100) < weight.get();
      float p = (toCandidate ? candidate : champion).score(row, 1)[0];
      String model = toCandidate ? "candidate" : "champion";
      reply(
          exchange, 200, String.format(Locale.ROOT, "{\"model\": \"%s\", \"p\": %.4f}", model, p));
    } catch (Exception e) { // a bad request must not take the service down
      reply(exchange, 400, "{\"error\": \"send /score?x=f0,f1,f2,f3,f4,f5\"}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
