package dev.baton.core.exec.container;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of the container of one attempt, derived from the run id, the step id and the attempt,
 * so that Baton — or a resumed Baton — can stop it by name. Matrix ids such as {@code
 * train[lr=0.1]} hold characters names cannot; those are replaced and a short hash of the id keeps
 * two cells apart.
 */
public final class ContainerNames {
  private ContainerNames() {}

  public static String of(String runId, String stepId, int attempt) {
    String step = clean(stepId);
    if (!step.equals(stepId)) {
      step = step + "-" + hash(stepId);
    }
    return "baton-" + clean(runId) + "-" + step + "-" + attempt;
  }

  private static String clean(String text) {
    String s = text.replaceAll("[^A-Za-z0-9_.-]", "_");
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
