package dev.baton.core.cache;

import dev.baton.core.agents.Agent;
import dev.baton.core.exec.StepLaunch;
import dev.baton.core.exec.container.ContainerSteps;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Builds the {@link CacheKey} of one attempt from its launch. */
final class CacheKeys {
  /** Baton variables that are the same on every run of a step; the others change per run. */
  static final Set<String> STABLE_BATON_VARIABLES =
      Set.of(
          "BATON_STEP_ID",
          "BATON_STEP",
          "BATON_PIPELINE",
          "BATON_WORKSPACE",
          "BATON_HARDWARE",
          // A containerised step's image and its digest: a rebuilt image misses, whatever its tag.
          ContainerSteps.IMAGE_VARIABLE,
          ContainerSteps.DIGEST_VARIABLE);

  private final CachePaths paths;
  private final Map<String, String> params;
  private final Map<String, Agent> agents;
  private final @Nullable FileDigests digests;

  CachePaths paths() {
    return paths;
  }

  CacheKeys(CachePaths paths, Map<String, String> params, List<Agent> agents) {
    this(paths, params, agents, null);
  }

  /**
   * @param digests the stat cache input files are looked up in; null to hash every one
   */
  CacheKeys(
      CachePaths paths,
      Map<String, String> params,
      List<Agent> agents,
      @Nullable FileDigests digests) {
    this.digests = digests;
    this.paths = paths;
    this.params = Map.copyOf(params);
    this.agents =
        agents.stream().collect(Collectors.toMap(Agent::name, Function.identity(), (a, b) -> a));
  }

  CacheKey of(StepLaunch launch) throws CacheException {
    var spec = launch.step().spec().cache();
    for (String output : spec.outputs()) {
      paths.resolve(output, false);
    }
    return new CacheKey(
        launch.command(),
        stableEnvironment(launch.env(), launch.step().env().keySet()),
        params,
        launch.step().matrix(),
        paths.relative(launch.workdir().toAbsolutePath().normalize()),
        spec.outputs(),
        InputFiles.digests(paths, spec.inputs(), digests),
        HardwareKey.of(agents.get(launch.agent()), launch.gpus(), launch.env()));
  }

  /**
   * The variables of {@code env} the key covers: those the descriptor declares and the stable Baton
   * ones. Inherited variables are left out: they differ between shells and CI builds ({@code
   * BUILD_NUMBER}) and would make every run a miss.
   */
  static Map<String, String> stableEnvironment(Map<String, String> env, Set<String> declared) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (declared.contains(k) || STABLE_BATON_VARIABLES.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }
}
