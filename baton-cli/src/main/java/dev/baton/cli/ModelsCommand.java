package dev.baton.cli;

import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.ModelRegistry;
import dev.baton.core.history.ModelRows.Alias;
import dev.baton.core.history.ModelRows.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton models [NAME]}: the recorded versions of named artifacts, with their aliases. */
@Command(
    name = "models",
    description =
        "List the versions of named artifacts (a step's 'artifacts:') the runs recorded, with the"
            + " aliases that point at them.",
    mixinStandardHelpOptions = true)
final class ModelsCommand implements Callable<Integer> {
  @Mixin HistoryOptions store;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One artifact.")
  String name;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
  String format = "table";

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format '" + format + "' is unknown; use table or json");
    }
    List<Version> versions;
    List<Alias> aliases;
    try (HistoryStore s = store.open()) {
      ModelRegistry models = s.models();
      if (name != null) {
        requireName(models, name);
      }
      versions = models.versions(name);
      aliases = models.aliases(name);
    }
    if (format.equals("json")) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Version v : versions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("version", v.version());
        m.put("digest", v.digest());
        m.put("size", v.size());
        m.put("runId", v.runId());
        m.put("step", v.stepId());
        m.put("pipeline", v.pipeline());
        m.put("path", v.path());
        m.put("keptPath", v.keptPath());
        m.put("createdAt", v.createdAt().toString());
        m.put("aliases", aliasesOf(v, aliases));
        out.add(m);
      }
      Console.printJson(out);
      return 0;
    }
    Console.out()
        .printf(
            Locale.ROOT,
            "%-16s %7s  %-19s %10s  %-22s %-12s %s%n",
            "NAME",
            "VERSION",
            "DIGEST",
            "SIZE",
            "RUN",
            "STEP",
            "ALIASES");
    for (Version v : versions) {
      Console.out()
          .printf(
              Locale.ROOT,
              "%-16s %7d  %-19s %10d  %-22s %-12s %s%n",
              v.name(),
              v.version(),
              v.digest().substring(0, Math.min(19, v.digest().length())),
              v.size(),
              v.runId(),
              v.stepId(),
              String.join(", ", aliasesOf(v, aliases)));
    }
    if (versions.isEmpty()) {
      Console.out()
          .println("(no artifact versions yet: a step's 'artifacts:' records one each run)");
    }
    return 0;
  }

  private static List<String> aliasesOf(Version v, List<Alias> aliases) {
    return aliases.stream()
        .filter(a -> a.name().equals(v.name()) && a.version() == v.version())
        .map(Alias::alias)
        .toList();
  }

  /** Fails with the names that exist when {@code name} has no versions. */
  static void requireName(ModelRegistry models, String name) {
    if (!models.versions(name).isEmpty()) {
      return;
    }
    List<String> known =
        models.versions(null).stream().map(Version::name).distinct().collect(Collectors.toList());
    throw new UsageException(
        "no artifact '"
            + name
            + "' has a recorded version ("
            + (known.isEmpty() ? "none has one yet" : "known: " + String.join(", ", known))
            + "); check the name with 'baton models', or run the pipeline whose step declares it");
  }

  /** The version, or a usage error naming those that exist. */
  static Version requireVersion(ModelRegistry models, String name, int version) {
    requireName(models, name);
    List<Version> all = models.versions(name);
    return all.stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "artifact '"
                        + name
                        + "' has no version "
                        + version
                        + " (versions: "
                        + all.stream()
                            .map(v -> Integer.toString(v.version()))
                            .collect(Collectors.joining(", "))
                        + "); pick one that 'baton models "
                        + name
                        + "' lists"));
  }
}
