package dev.baton.core.lease;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.Gpu;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file names of leases, one lock file per leased thing. A GPU of this machine is named by its
 * index, the number steps see in {@code CUDA_VISIBLE_DEVICES} (so a whole run, however its agents
 * are declared, and a single step given locked GPUs agree on it); a simulated GPU by its agent's
 * name and index; a concurrency group by its name and slot.
 */
public final class LeaseKey {
  private LeaseKey() {}

  /** The lease of GPU {@code index} of {@code agent}. */
  public static String gpu(Agent agent, int index) {
    for (Gpu g : agent.gpus()) {
      if (g.index() == index && g.simulated()) {
        return "sim-" + safe(agent.name()) + "-gpu" + index;
      }
    }
    return "gpu" + index;
  }

  /** Slot {@code slot} (0-based) of the machine-wide concurrency group {@code group}. */
  public static String groupSlot(String group, int slot) {
    return "group-" + safe(group) + "-slot" + slot;
  }

  /**
   * {@code name} as a file name: letters, digits, {@code .} and {@code -} as they are, every other
   * byte as {@code _XX}, so distinct names never share a file.
   */
  static String safe(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ((c == '.' || c == '-') && out.length() > 0)) {
        out.append(c);
      } else {
        out.append('_')
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    if (out.length() > 120) {
      // File names have a length limit; a digest keeps long names distinct. "__" never occurs in
      // a short name (there "_" always starts a hex escape), so no short name spells a long one's.
      return out.substring(0, 60) + "__" + digest(name);
    }
    return out.toString();
  }

  private static String digest(String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
