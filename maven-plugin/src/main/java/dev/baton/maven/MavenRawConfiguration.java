package dev.baton.maven;

import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.StepIdList;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Maven goals' parameters as they were given, turned into the one {@link BatonConfig} the core
 * takes. Keeping this free of Mojo types lets the translation be tested without Maven.
 *
 * @param file the descriptor ({@code baton.file})
 * @param pomParams {@code <params>} from the POM; {@code -Dbaton.param.NAME=VALUE} overrides them
 * @param only comma-separated step names or ids ({@code baton.only}); null or blank: all steps
 * @param executor {@code local} or {@code slurm} ({@code baton.executor}); null: the descriptor's
 * @param agentsFile agents file ({@code baton.agents}); null: the descriptor's or this machine
 * @param parallel most steps at once ({@code baton.parallel}); 0: the number of cores
 * @param reportDir where reports go ({@code baton.reportDir}); null: the core's default
 */
public record MavenRawConfiguration(
    File file,
    Map<String, String> pomParams,
    String only,
    String executor,
    File agentsFile,
    int parallel,
    @Nullable File reportDir,
    boolean failFast,
    boolean dryRun,
    @Nullable Properties userProperties,
    @Nullable Properties systemProperties) {

  /** The prefix of a property that sets one pipeline parameter. */
  public static final String PARAM_PREFIX = "baton.param.";

  /** The options only the goals that run steps have; the others keep the defaults. */
  public MavenRawConfiguration withRunOptions(
      int parallel, File reportDir, boolean failFast, boolean dryRun) {
    return new MavenRawConfiguration(
        file,
        pomParams,
        only,
        executor,
        agentsFile,
        parallel,
        reportDir,
        failFast,
        dryRun,
        userProperties,
        systemProperties);
  }

  /** The core's configuration for these parameters. */
  public BatonConfig toBatonConfig() {
    if (parallel < 0) {
      throw new UsageException(
          "baton.parallel is "
              + parallel
              + ", set it to 0 (one step per core) or to the most steps to run at once");
    }
    return BatonConfig.builder(file.toPath())
        .params(params())
        .only(stepIds(only))
        .executor(executor == null ? "" : executor.trim())
        .parallel(parallel)
        .failFast(failFast)
        .dryRun(dryRun)
        .agentsFile(agentsFile == null ? null : agentsFile.toPath())
        .reportDir(reportDir == null ? null : reportDir.toPath())
        .build();
  }

  /**
   * The pipeline parameters: the POM's {@code <params>}, overridden by {@code baton.param.*} system
   * properties, overridden by {@code baton.param.*} user properties ({@code -D} on the command
   * line), so the command line always wins.
   */
  public Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    if (pomParams != null) {
      pomParams.forEach((k, v) -> params.put(k, v == null ? "" : v));
    }
    params.putAll(paramProperties(systemProperties));
    params.putAll(paramProperties(userProperties));
    return params;
  }

  private static Map<String, String> paramProperties(@Nullable Properties properties) {
    Map<String, String> params = new TreeMap<>();
    if (properties == null) {
      return params;
    }
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(PARAM_PREFIX)) {
        String name = key.substring(PARAM_PREFIX.length());
        if (name.isBlank()) {
          throw new UsageException(
              "-D" + key + " names no parameter, write -D" + PARAM_PREFIX + "NAME=VALUE");
        }
        params.put(name, properties.getProperty(key));
      }
    }
    return params;
  }

  /**
   * Reads {@code baton.only} as the CLI reads {@code --only}: commas inside a matrix id's brackets
   * do not split, so {@code prepare,train[lr=0.1,bs=32]} names two steps.
   */
  static Set<String> stepIds(String csv) {
    return StepIdList.parse(csv);
  }
}
