package dev.baton.core.engine;

import dev.baton.core.descriptor.ConcurrencySpec;
import dev.baton.core.schedule.ReadyStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Why a queued step waits for something held outside its run, in one line: {@code waiting for 2
 * GPUs on local: 0,1 held by run R (pid 4242), 2 by run S (pid 17)}.
 */
final class WaitReasons {
  private WaitReasons() {}

  /**
   * The reason, or null when nothing {@code r} needs is held outside its run.
   *
   * @param heldGpus per agent that could serve {@code r}: its GPUs held outside the run, and by
   *     whom
   * @param slotHolders per machine-wide group: who holds its slots
   */
  static @Nullable String describe(
      ReadyStep r,
      Function<ReadyStep, Map<String, Map<Integer, String>>> heldGpus,
      Optional<ConcurrencySpec> group,
      Map<String, List<String>> slotHolders) {
    List<String> parts = new ArrayList<>();
    int want = r.step().agent().gpus();
    if (want > 0) {
      heldGpus.apply(r).forEach((agent, held) -> parts.add(agentPart(agent, held)));
      if (!parts.isEmpty()) {
        parts.set(
            0, "waiting for " + want + (want == 1 ? " GPU" : " GPUs") + " on " + parts.get(0));
      }
    }
    if (group.isPresent() && slotHolders.containsKey(group.get().group())) {
      ConcurrencySpec g = group.get();
      parts.add(
          "waiting for concurrency group "
              + g.group()
              + " (limit "
              + g.limit()
              + "): held by "
              + String.join(", ", slotHolders.get(g.group())));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static String agentPart(String agent, Map<Integer, String> held) {
    Map<String, List<Integer>> byHolder = new LinkedHashMap<>();
    held.forEach((gpu, who) -> byHolder.computeIfAbsent(who, k -> new ArrayList<>()).add(gpu));
    StringBuilder out = new StringBuilder(agent).append(": ");
    boolean first = true;
    for (Map.Entry<String, List<Integer>> e : byHolder.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      if (e.getKey().startsWith("run ")) {
        out.append(join(e.getValue())).append(first ? " held by " : " by ").append(e.getKey());
      } else {
        // Foreign work names its GPU itself ("GPU 0 busy: pid 777 ..."); a reservation does not.
        out.append(e.getKey().startsWith("GPU ") ? "" : join(e.getValue()) + " ")
            .append(e.getKey());
      }
      first = false;
    }
    return out.toString();
  }

  private static String join(List<Integer> gpus) {
    StringBuilder s = new StringBuilder();
    for (int g : gpus) {
      s.append(s.length() == 0 ? "" : ",").append(g);
    }
    return s.toString();
  }
}
