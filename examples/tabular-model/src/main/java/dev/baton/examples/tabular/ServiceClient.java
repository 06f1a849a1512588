package dev.baton.examples.tabular;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * Talks to {@link ScoringService} for the pipeline's steps, since curl may not be installed.
 *
 * <p>Usage: {@code ServiceClient <port> weight <0-100>} moves canary traffic; {@code ServiceClient
 * <port> await} waits up to 30 s for the service to answer; {@code ServiceClient <port> traffic
 * <n>} sends n scoring requests and prints a JSON object of live metrics for the deploy step's
 * analysis gates.
 */
public final class ServiceClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // the JDK server speaks no HTTP/2; skip the upgrade
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private ServiceClient() {}

  public static void main(String[] args) throws Exception {
    String base = "http://127.0.0.1:" + args[0];
    switch (args[1]) {
      case "weight" -> {
        var post =
            HttpRequest.newBuilder(URI.create(base + "/weight"))
                .POST(HttpRequest.BodyPublishers.ofString(args[2]))
                .build();
        var response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        System.exit(response.statusCode() == 200 ? 0 : 1);
      }
      case "await" -> awaitService(base);
      case "traffic" -> traffic(base, Integer.parseInt(args[2]));
      default -> {
        System.err.println("unknown command '" + args[1] + "', use weight, await or traffic");
        System.exit(2);
      }
    }
  }

  private static void awaitService(String base) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var response = HTTP.send(get(base + "/health"), HttpResponse.BodyHandlers.ofString());
        System.out.println("service is up: " + response.body());
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(200);
      }
    }
    System.err.println("the service did not answer within 30 s, see build/service.log");
    System.exit(1);
  }

  private static void traffic(String base, int requests) throws Exception {
    Random random = new Random();
    int errors = 0;
    int candidate = 0;
    for (int i = 0; i < requests; i++) {
      StringBuilder row = new StringBuilder();
      for (int f = 0; f < 6; f++) {
        row.append(f == 0 ? "" : ",")
            .append(String.format(Locale.ROOT, "%.3f", random.nextGaussian()));
      }
      var response = HTTP.send(get(base + "/score?x=" + row), HttpResponse.BodyHandlers.ofString());
      errors += response.statusCode() == 200 ? 0 : 1;
      candidate += response.body().contains("\"candidate\"") ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "{\"requests\": %d, \"error_rate\": %.4f, \"candidate_share\": %.3f}%n",
        requests,
        errors / (double) requests,
        candidate / (double) requests);
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
  }
}
