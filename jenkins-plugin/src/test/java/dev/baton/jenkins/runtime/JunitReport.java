package dev.baton.jenkins.runtime;

import java.util.List;

/**
 * What the {@code junit} step read from one XML file: its test cases and their outcomes.
 *
 * @param cases one entry per {@code <testcase>}: {@code classname.name -> PASSED|FAILED|SKIPPED}
 */
public record JunitReport(String file, List<TestCase> cases) {
  /** One {@code <testcase>} and how it ended. */
  public record TestCase(String className, String name, String outcome, String message) {}

  public long failures() {
    return cases.stream().filter(c -> c.outcome().equals("FAILED")).count();
  }
}
