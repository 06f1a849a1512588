package dev.baton.core.exec.slurm;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import dev.baton.core.errors.InfrastructureException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's nodes as Baton agents, read from {@code sinfo}: a node's features are its labels
 * (with its name), its {@code gpu} gres are its GPUs. The before-run check then tells a step no
 * node could ever run before anything is submitted.
 */
public final class SlurmInventory {
  static final List<String> SINFO =
      List.of("sinfo", "--Node", "--noheader", "--format=%N|%f|%G|%c|%m");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

  private SlurmInventory() {}

  /**
   * The cluster's nodes.
   *
   * @throws InfrastructureException when sinfo is missing or the controller does not answer
   */
  public static List<Agent> read() {
    return read(new ProcessSlurmCli());
  }

  static List<Agent> read(SlurmCli cli) {
    SlurmCli.Result result;
    try {
      result = cli.run(SINFO, TIMEOUT);
    } catch (IOException e) {
      throw SlurmErrors.notInstalled("sinfo", e);
    }
    if (!result.ok()) {
      throw SlurmErrors.failed("sinfo", result);
    }
    return parse(result.stdout());
  }

  /** Lines of {@code name|features|gres|cpus|memory}; a node in several partitions counts once. */
  static List<Agent> parse(String sinfo) {
    Map<String, Agent> nodes = new LinkedHashMap<>();
    for (String line : sinfo.split("\\R", -1)) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length < 5 || f[0].isBlank() || nodes.containsKey(f[0])) {
        continue;
      }
      String name = f[0].strip();
      Set<String> labels = new LinkedHashSet<>();
      labels.add(name);
      for (String feature : f[1].split(",", -1)) {
        if (!feature.isBlank() && !feature.strip().equals("(null)")) {
          labels.add(feature.strip());
        }
      }
      int cpus = (int) number(f[3]);
      long memory = number(f[4]);
      nodes.put(
          name,
          new Agent(
              name,
              labels,
              Math.max(1, cpus),
              cpus,
              memory > 0 ? OptionalLong.of(memory) : OptionalLong.empty(),
              gpus(f[2])));
    }
    return List.copyOf(nodes.values());
  }

  /**
   * {@code gpu:a100:4(S:0-1),gpu:v100:2,shard:8} -> six GPUs, indices 0..5, models from the types.
   */
  static List<Gpu> gpus(String gres) {
    List<Gpu> gpus = new ArrayList<>();
    String plain = gres.replaceAll("\\([^)]*\\)", "");
    for (String item : plain.split(",", -1)) {
      String[] parts = item.strip().split(":", -1);
      if (parts.length == 0 || !parts[0].equals("gpu")) {
        continue;
      }
      String type = parts.length >= 3 ? parts[1] : "";
      long count = parts.length >= 2 ? number(parts[parts.length - 1]) : 1;
      for (long i = 0; i < count; i++) {
        gpus.add(new Gpu(gpus.size(), type, 0, "", false));
      }
    }
    return gpus;
  }

  private static long number(String text) {
    Matcher m = LEADING_NUMBER.matcher(text.strip());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
