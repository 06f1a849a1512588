package dev.baton.core.stages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.io.AtomicFiles;
import dev.baton.core.io.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Baselines as plain JSON files that CI can cache or commit: {@code
 * <dir>/<pipeline>/<name>/<fingerprint>.json}, by default under {@code .baton/baselines/} of the
 * workspace.
 */
public final class BaselineStore {
  /** Overrides where baselines live (relative paths are relative to the workspace). */
  public static final String DIR_VARIABLE = "BATON_BASELINES_DIR";

  /** A baseline holds a few statistics; larger, the file is not one Baton wrote. */
  static final long MAX_BASELINE_BYTES = 16 * UserFiles.MiB;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  public BaselineStore(Path dir) {
    this.dir = dir;
  }

  /** The store of a workspace: {@code $BATON_BASELINES_DIR}, else {@code .baton/baselines}. */
  public static BaselineStore of(Path workspace, Map<String, String> env) {
    String configured = env.getOrDefault(DIR_VARIABLE, "");
    return new BaselineStore(
        configured.isBlank()
            ? workspace.resolve(".baton").resolve("baselines")
            : workspace.resolve(configured));
  }

  public Path dir() {
    return dir;
  }

  /** The file a baseline lives in. */
  public Path file(String pipeline, String name, String fingerprint) {
    return dir.resolve(safe(pipeline)).resolve(safe(name)).resolve(safe(fingerprint) + ".json");
  }

  /** The baseline, if one was promoted for this pipeline, name and hardware. */
  public Optional<Baseline> find(String pipeline, String name, String fingerprint) {
    Path file = file(pipeline, name, fingerprint);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          JSON.readValue(
              UserFiles.readBytes(file, "baseline", MAX_BASELINE_BYTES), Baseline.class));
    } catch (IOException e) {
      throw new StageException(
          "baseline " + file + " cannot be read (" + e.getMessage() + ")",
          "promote a run to baseline '" + name + "' again");
    }
  }

  /**
   * Writes (or replaces) the baseline atomically; returns its file.
   *
   * @throws dev.baton.core.errors.InfrastructureException naming the path when it cannot be written
   *     (a full disk); an older baseline in its place is then left as it was
   */
  public Path save(Baseline baseline) throws IOException {
    Path file = file(baseline.pipeline(), baseline.name(), baseline.fingerprint());
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new InfrastructureException(
          "cannot create the baseline directory " + file.getParent() + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(file, JSON.writeValueAsBytes(baseline));
    return file;
  }

  /** A name that is safe as one path segment. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._+-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }
}
