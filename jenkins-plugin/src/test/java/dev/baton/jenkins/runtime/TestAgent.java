package dev.baton.jenkins.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Jenkins agent of the test runtime: a name, labels, a number of executors and of GPUs, and the
 * environment its {@code sh} steps see. Like Jenkins, an agent also matches its own name.
 *
 * <p>As the library documents: an agent with GPUs carries the label {@code gpus-<count>}, and each
 * GPU becomes one lockable resource labelled with the agent's GPU lock label ({@code
 * BATON_GPU_LOCK_LABEL} in its environment, else {@code <name>-gpu}) and named {@code
 * <label>-<index>}.
 */
public record TestAgent(
    String name, Set<String> labels, int executors, int gpus, Map<String, String> env) {

  public TestAgent {
    labels = Set.copyOf(labels);
    env = Map.copyOf(env);
  }

  /**
   * An agent with space-separated {@code labels}, as typed into a Jenkins node's "Labels" field.
   */
  public static TestAgent of(String name, String labels, int executors, int gpus) {
    Set<String> set = new LinkedHashSet<>(Arrays.asList(labels.trim().split("\\s+")));
    set.remove("");
    if (gpus > 0) {
      set.add("gpus-" + gpus);
    }
    return new TestAgent(name, set, executors, gpus, Map.of("BATON_LEASE_DIR", leaseDir(name)));
  }

  /**
   * Each test agent stands for a machine of its own, so it leases GPUs in a directory of its own
   * (agents of a real Jenkins are separate machines, each with its own lease directory).
   */
  private static String leaseDir(String name) {
    // Under the module's own lease directory (the build sets BATON_LEASE_DIR), else under /tmp.
    String base = System.getenv("BATON_LEASE_DIR");
    if (base == null || base.isBlank()) {
      base = System.getProperty("java.io.tmpdir") + "/baton-test-leases";
    }
    return base
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** This agent with one more environment variable (as in the node's "Environment variables"). */
  public TestAgent withEnv(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(key, value);
    return new TestAgent(name, labels, executors, gpus, copy);
  }

  /** The labels Jenkins matches against: the configured ones plus the agent's own name. */
  public Set<String> effectiveLabels() {
    Set<String> all = new LinkedHashSet<>(labels);
    all.add(name);
    return all;
  }

  /** Whether the agent satisfies a Jenkins label expression. */
  public boolean matches(String labelExpression) {
    return LabelMatcher.matches(labelExpression, effectiveLabels());
  }

  /** The label of this agent's GPU lockable resources. */
  public String gpuLockLabel() {
    return env.getOrDefault("BATON_GPU_LOCK_LABEL", name + "-gpu");
  }
}
