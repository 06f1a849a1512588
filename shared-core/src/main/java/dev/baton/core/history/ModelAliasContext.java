package dev.baton.core.history;

import dev.baton.core.errors.InfrastructureException;
import dev.baton.core.history.ModelRows.Alias;
import dev.baton.core.history.ModelRows.Version;
import dev.baton.core.plan.ModelContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code models} expression context from the run history: {@code models.NAME.ALIAS.path} (the
 * kept copy of the version the alias points at), {@code .version} and {@code .digest}. Read when
 * the run is planned, and only when an expression reads {@code models.*}; the kept copy is checked
 * against its digest when an expression reads it.
 */
public final class ModelAliasContext {
  private ModelAliasContext() {}

  public static ModelContext of(Path workspace, Map<String, String> env) {
    if (HistoryStores.off(env)) {
      return ModelContext.NONE;
    }
    return new ModelContext(() -> load(workspace, env));
  }

  private static Map<String, Object> load(Path workspace, Map<String, String> env) {
    Map<String, Object> models = new LinkedHashMap<>();
    try (HistoryStore store = HistoryStores.open(workspace, env)) {
      ModelRegistry registry = store.models();
      List<Version> versions = registry.versions(null);
      for (Alias a : registry.aliases(null)) {
        Version v =
            versions.stream()
                .filter(x -> x.name().equals(a.name()) && x.version() == a.version())
                .findFirst()
                .orElse(null);
        if (v == null) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> byAlias =
            (Map<String, Object>) models.computeIfAbsent(a.name(), k -> new LinkedHashMap<>());
        byAlias.put(a.alias(), new ModelContext(() -> values(v)));
      }
    }
    return models;
  }

  /** The version's values, once its kept copy is found whole. */
  private static Map<String, Object> values(Version v) {
    Path kept = Path.of(v.keptPath());
    String problem = "";
    try {
      if (!Files.isRegularFile(kept)) {
        problem = "is not on this machine (it was recorded by run " + v.runId() + ")";
      } else if (!ModelFiles.digest(kept).equals(v.digest())) {
        problem = "no longer has the digest recorded for it (" + v.digest() + ")";
      }
    } catch (IOException e) {
      problem = "cannot be read: " + e.getMessage();
    }
    if (!problem.isEmpty()) {
      throw new InfrastructureException(
          "the kept copy of version "
              + v.version()
              + " of '"
              + v.name()
              + "' at "
              + kept
              + " "
              + problem
              + "; run the pipeline that makes it again here, or point the alias at a version"
              + " kept on this machine");
    }
    return Map.of("path", kept.toString(), "version", v.version(), "digest", v.digest());
  }
}
