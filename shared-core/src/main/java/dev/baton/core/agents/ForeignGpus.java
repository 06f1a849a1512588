package dev.baton.core.agents;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An agent's GPUs that must not be handed out now because processes that are not Baton steps use
 * them, or because Baton cannot tell.
 *
 * @param known whether Baton knows what runs on the GPUs; when not, every real GPU of the agent is
 *     in {@code busy}
 * @param busy why each such GPU is busy, by GPU index, such as {@code GPU 0 busy: pid 777 (python)
 *     uses 30 GiB, not a Baton step}
 * @param problem when not known, "<what is wrong>; <how to fix it>" to tell the user once; else
 *     empty
 */
public record ForeignGpus(boolean known, Map<Integer, String> busy, String problem) {
  /** No GPU is busy with foreign work. */
  public static final ForeignGpus NONE = new ForeignGpus(true, Map.of(), "");

  public ForeignGpus {
    busy = Collections.unmodifiableMap(new TreeMap<>(busy));
    problem = problem == null ? "" : problem;
  }

  /** Why {@code gpuIndex} must not be handed out; empty when it may. */
  public Optional<String> reason(int gpuIndex) {
    return Optional.ofNullable(busy.get(gpuIndex));
  }
}
