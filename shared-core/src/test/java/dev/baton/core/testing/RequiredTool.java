package dev.baton.core.testing;

import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way a test of any module may not run (shared as {@code baton-core:tests}). Tests that
 * need an outside tool (a Slurm cluster, Chromium, a GPU) skip with the reason on a developer's
 * machine, and fail under CI ({@code CI} set), where .ci/run installs the tool: a CI run must never
 * go green by skipping them. Every skip is also printed, so that it shows in the build log and not
 * only in a surefire report file. ({@code TestsSkipOnlyThroughRequiredToolTest} keeps other ways of
 * skipping out of the tests.)
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** Fails under CI, else skips, unless {@code available}. */
  public static void require(boolean available, String whatIsMissing) {
    if (available) {
      return;
    }
    if (underCi()) {
      Assertions.fail(
          whatIsMissing
              + " (CI is set, so this test must run; .ci/run installs and starts what it needs)");
    }
    skip(whatIsMissing);
  }

  /**
   * Skips, under CI too, a test that cannot run in this kind of environment at all (say, the kernel
   * forbids what it needs); the reason goes to the build log so a CI run says what it did not
   * check.
   */
  public static void cannotRunHere(boolean possible, String why) {
    if (!possible) {
      skip(why);
    }
  }

  /**
   * Skips, under CI too, a long test that runs only when asked for; the reason (how to ask) goes to
   * the build log.
   */
  public static void onlyWhenAsked(boolean asked, String how) {
    if (!asked) {
      skip(how);
    }
  }

  /** Whether {@code CI} is set, as CI services and .ci/run set it. */
  public static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty() && !ci.equals("false");
  }

  private static void skip(String why) {
    System.err.println("[baton-tests] SKIPPED " + caller() + ": " + why);
    Assumptions.abort(why);
  }

  /** The test that asked (the first test class on the stack, past helpers), for the log line. */
  private static String caller() {
    List<StackWalker.StackFrame> frames =
        StackWalker.getInstance()
            .walk(
                s ->
                    s.filter(f -> !f.getClassName().equals(RequiredTool.class.getName())).toList());
    return frames.stream()
        .filter(f -> f.getClassName().replaceAll("\\$.*", "").endsWith("Test"))
        .findFirst()
        .or(() -> frames.stream().findFirst())
        .map(f -> f.getClassName() + "." + f.getMethodName())
        .orElse("?");
  }
}
