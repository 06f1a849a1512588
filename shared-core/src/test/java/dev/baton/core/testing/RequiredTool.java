package dev.baton.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an outside tool (a Slurm cluster, Chromium) skip with the reason on a developer's
 * machine, and fail under CI ({@code CI} set), where .ci/run installs the tool: a CI run must never
 * go green by skipping them.
 */
public final class RequiredTool {
  private RequiredTool() {}

  public static void require(boolean available, String whatIsMissing) {
    if (available) {
      return;
    }
    String ci = System.getenv("CI");
    if (ci != null && !ci.isEmpty() && !ci.equals("false")) {
      Assertions.fail(
          whatIsMissing
              + " (CI is set, so this test must run; .ci/run installs and starts what it needs)");
    }
    Assumptions.abort(whatIsMissing);
  }
}
