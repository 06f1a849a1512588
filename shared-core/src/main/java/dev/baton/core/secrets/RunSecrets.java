package dev.baton.core.secrets;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secret values of one run, read when it starts: which steps get which, and the {@link Masker}
 * every report and log goes through.
 *
 * @param values each secret's value by name
 * @param sourceVariables the environment variables secrets were read from; steps do not inherit
 *     them, so a secret reaches only the steps that list it
 */
public record RunSecrets(Map<String, String> values, Set<String> sourceVariables, Masker masker) {
  /** A run without secrets. */
  public static final RunSecrets NONE = new RunSecrets(Map.of(), Set.of(), Masker.NONE);

  public RunSecrets {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    sourceVariables = Set.copyOf(sourceVariables);
  }

  /** Secrets with a masker over all their values. */
  public static RunSecrets of(Map<String, String> values, Collection<String> sourceVariables) {
    return new RunSecrets(values, Set.copyOf(sourceVariables), Masker.of(values.values()));
  }

  /**
   * Adjusts a step's environment: drops the variables secrets came from, then adds the secrets the
   * step lists under their own names.
   */
  public void applyTo(Map<String, String> env, List<String> stepSecrets) {
    sourceVariables.forEach(env::remove);
    for (String name : stepSecrets) {
      String value = values.get(name);
      if (value != null) {
        env.put(name, value);
      }
    }
  }
}
