package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.IoFailures;
import dev.baton.core.record.StepLineage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The copies Baton keeps of artifact versions: {@code .baton/models/NAME/VERSION/FILE}, read-only,
 * so the path an alias gives stays valid (and the same bytes) after the step overwrites its file.
 */
public final class ModelFiles {
  /** Under the workspace. */
  public static final String DIR = ".baton/models";

  private ModelFiles() {}

  /** Where version {@code version} of {@code name} is kept. */
  static Path keptPath(Path workspace, String name, int version, String path) {
    return workspace
        .resolve(DIR)
        .resolve(name)
        .resolve(Integer.toString(version))
        .resolve(Path.of(path).getFileName().toString())
        .toAbsolutePath()
        .normalize();
  }

  /** Copies {@code file} to {@code target} (replacing a leftover), then makes it read-only. */
  static void keep(Path file, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
      if (Files.exists(target)) {
        target.toFile().setWritable(true);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      target.toFile().setWritable(false, false);
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot keep a copy of " + file + " at " + target + ": " + IoFailures.reason(e), e);
    }
  }

  /** {@code sha256:<hex>} of {@code file}'s bytes, read in a stream (models are large). */
  static String digest(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return StepLineage.SHA256 + HexFormat.of().formatHex(sha.digest());
  }
}
