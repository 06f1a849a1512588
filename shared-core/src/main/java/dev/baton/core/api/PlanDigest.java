package dev.baton.core.api;

import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of what a plan would run — each step's id, command and needs, in plan order — so a
 * resume refuses a descriptor or params that changed what the journal describes.
 */
final class PlanDigest {
  private PlanDigest() {}

  static String of(Plan plan) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (PlannedStep s : plan.steps()) {
        field(sha, s.id());
        field(sha, s.command().display());
        field(sha, String.join(",", s.needs()));
        field(sha, s.skipped() ? "skipped" : "runs");
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  private static void field(MessageDigest sha, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) (bytes.length >>> 24));
    sha.update((byte) (bytes.length >>> 16));
    sha.update((byte) (bytes.length >>> 8));
    sha.update((byte) bytes.length);
    sha.update(bytes);
  }
}
