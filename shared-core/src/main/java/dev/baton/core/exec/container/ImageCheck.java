package dev.baton.core.exec.container;

import dev.baton.core.descriptor.ContainerSpec;
import dev.baton.core.descriptor.ContainerSpec.Pull;
import dev.baton.core.descriptor.ContainerSpec.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes sure a step's image is on this machine (pulling it as {@code pull:} says) and finds its
 * digest: the image id (the digest of its configuration, which changes whenever the image is
 * rebuilt, whatever its tag) for podman and Docker; the SHA-256 of the file for an Apptainer {@code
 * .sif}.
 */
final class ImageCheck {
  static final Duration INSPECT_TIMEOUT = Duration.ofMinutes(1);
  static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

  private ImageCheck() {}

  /** The image's digest ({@code sha256:<hex>}) or why it cannot be had. */
  sealed interface Outcome {}

  record Digest(String digest) implements Outcome {}

  record Problem(String message) implements Outcome {}

  static Outcome check(ContainerRuntimes.Found runtime, ContainerSpec spec, Path workspace) {
    if (runtime.kind() == RuntimeKind.APPTAINER) {
      return apptainer(spec, workspace);
    }
    String program = runtime.program();
    String image = spec.image();
    if (spec.pull() == Pull.ALWAYS) {
      RuntimeCli.Result pulled = RuntimeCli.run(List.of(program, "pull", image), PULL_TIMEOUT);
      if (!pulled.ok()) {
        return new Problem(
            "cannot pull image '"
                + image
                + "' (pull: always): "
                + lastLine(pulled.output())
                + "; check the reference and the registry login, or use 'pull: missing'");
      }
    }
    RuntimeCli.Result inspected = inspect(program, image);
    if (!inspected.ok() && spec.pull() == Pull.MISSING) {
      RuntimeCli.Result pulled = RuntimeCli.run(List.of(program, "pull", image), PULL_TIMEOUT);
      if (!pulled.ok()) {
        return new Problem(
            "image '"
                + image
                + "' is not on this machine and cannot be pulled: "
                + lastLine(pulled.output())
                + "; check the reference and the registry login, or build the image here");
      }
      inspected = inspect(program, image);
    }
    if (!inspected.ok()) {
      if (spec.pull() == Pull.NEVER) {
        return new Problem(
            "image '"
                + image
                + "' is not on this machine and 'pull: never' forbids fetching it;"
                + " build or load it here ("
                + runtime.kind().word()
                + " build / load), or use"
                + " 'pull: missing'");
      }
      return new Problem(
          "cannot inspect image '"
              + image
              + "': "
              + lastLine(inspected.output())
              + "; check that "
              + runtime.kind().word()
              + " works on this machine");
    }
    String id = inspected.output().lines().reduce((a, b) -> b).orElse("").strip();
    if (!id.matches("(sha256:)?[0-9a-f]{64}")) {
      return new Problem(
          runtime.kind().word()
              + " gave no image id for '"
              + image
              + "' (it said: "
              + id
              + "); check that "
              + runtime.kind().word()
              + " works on this machine");
    }
    return new Digest(id.startsWith("sha256:") ? id : "sha256:" + id);
  }

  private static RuntimeCli.Result inspect(String program, String image) {
    return RuntimeCli.run(
        List.of(program, "image", "inspect", "--format={{.Id}}", image), INSPECT_TIMEOUT);
  }

  private static Outcome apptainer(ContainerSpec spec, Path workspace) {
    if (!ContainerSpec.isImageFile(spec.image())) {
      // A URI is fetched (and cached) by Apptainer when the step runs; its reference stands in.
      return new Digest(spec.image());
    }
    Path file = workspace.resolve(spec.image());
    if (!Files.isRegularFile(file)) {
      return new Problem(
          "image file " + file + " does not exist; build it (apptainer build) or fix 'image'");
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
      }
      return new Digest("sha256:" + HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      return new Problem("cannot read image file " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String lastLine(String output) {
    String last = output.lines().reduce((a, b) -> b).orElse("").strip();
    return last.isEmpty() ? "no message" : last;
  }
}
