package dev.baton.core.exec.container;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the container runtime's own commands (inspect, pull, stop) and captures what they say. */
final class RuntimeCli {
  private RuntimeCli() {}

  /** How one command ended: its exit code (-1 when it could not run or timed out) and output. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static Result run(List<String> argv, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process p = pb.start();
      // Output is small (an id, an error) but a pull prints progress: read it as it comes.
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readNBytes(1 << 20);
        in.transferTo(OutputStream.nullOutputStream());
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", argv) + " did not end within " + timeout);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return new Result(-1, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
