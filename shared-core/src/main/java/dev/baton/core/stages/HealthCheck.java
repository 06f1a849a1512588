package dev.baton.core.stages;

import dev.baton.core.descriptor.DeploySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Checks the new version's health {@code count} times per stage: an HTTP GET expecting 2xx, or a
 * command expecting exit code 0. A stage fails at {@code failureLimit} failed checks of its own:
 * nothing is carried from one stage (or check before a blue-green switch) into the next, so a
 * failure just before a traffic shift cannot help fail the healthy stage after it. A stage's checks
 * stop at the failure that fails it, so a sick endpoint is not called again.
 */
final class HealthCheck {
  private final DeploySpec.Health spec;
  private final StageCommands commands;
  private final HttpClient http;

  HealthCheck(DeploySpec.Health spec, StageCommands commands) {
    this.spec = spec;
    this.commands = commands;
    this.http = HttpClient.newBuilder().connectTimeout(spec.timeout()).build();
  }

  /** Runs one stage's checks, counting afresh; the reason of failure, or empty when healthy. */
  Optional<String> check() throws InterruptedException {
    int failures = 0;
    String last = "";
    for (int k = 0; k < spec.count(); k++) {
      if (k > 0 && !commands.pause(spec.interval())) {
        return Optional.of("stopped");
      }
      Optional<String> problem = once();
      if (problem.isEmpty()) {
        continue;
      }
      failures++;
      last = problem.get();
      commands.note("health check " + (k + 1) + "/" + spec.count() + " failed: " + last);
      if (failures >= spec.failureLimit()) {
        return Optional.of("health check failed " + failures + " time(s): " + last);
      }
    }
    return Optional.empty();
  }

  private Optional<String> once() throws InterruptedException {
    if (spec.run().isPresent()) {
      StageCommands.Outcome out = commands.run(spec.run().get(), spec.timeout(), false);
      return out.success() ? Optional.empty() : Optional.of(out.describe());
    }
    String url = spec.http().orElseThrow();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(spec.timeout()).GET().build();
      int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return code / 100 == 2 ? Optional.empty() : Optional.of("GET " + url + " answered " + code);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("GET " + url + " failed: " + e.getMessage());
    }
  }
}
