package dev.baton.cli;

import dev.baton.core.errors.DescriptorException;
import dev.baton.core.errors.DescriptorProblem;
import dev.baton.core.errors.SourcePosition;
import dev.baton.core.record.GateResult;
import dev.baton.core.record.RunRecord;
import dev.baton.core.record.StepRecord;
import dev.baton.core.record.StepState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the CI the command line runs under makes of its console: under GitHub Actions ({@code
 * GITHUB_ACTIONS=true}) step output in {@code ::group::} blocks and {@code ::error::} annotations
 * for descriptor problems and failed steps and gates; under GitLab CI ({@code GITLAB_CI=true}) step
 * output in collapsible sections; elsewhere plain lines.
 */
final class CiConsole {
  enum Kind {
    PLAIN,
    GITHUB,
    GITLAB
  }

  private final Kind kind;
  private final @Nullable Path workspace;
  private final Clock clock;
  private int sections;

  CiConsole(Kind kind, @Nullable Path workspace, Clock clock) {
    this.kind = kind;
    this.workspace = workspace;
    this.clock = clock;
  }

  static CiConsole of(Map<String, String> env) {
    Kind kind =
        "true".equals(env.get("GITHUB_ACTIONS"))
            ? Kind.GITHUB
            : "true".equals(env.get("GITLAB_CI")) ? Kind.GITLAB : Kind.PLAIN;
    String root = kind == Kind.GITHUB ? env.get("GITHUB_WORKSPACE") : env.get("CI_PROJECT_DIR");
    return new CiConsole(
        kind, root == null || root.isBlank() ? null : Path.of(root), Clock.systemUTC());
  }

  static CiConsole plain() {
    return new CiConsole(Kind.PLAIN, null, Clock.systemUTC());
  }

  boolean groups() {
    return kind != Kind.PLAIN;
  }

  /** Whether failed steps are annotated at their place in the descriptor (GitHub only). */
  boolean annotatesSteps() {
    return kind == Kind.GITHUB;
  }

  /** The line that opens a group named {@code title}, and the name to close it with. */
  String[] open(String title) {
    if (kind == Kind.GITHUB) {
      return new String[] {"::group::" + title, ""};
    }
    sections++;
    String name = "baton_" + sections;
    return new String[] {
      "\u001b[0Ksection_start:"
          + clock.instant().getEpochSecond()
          + ":"
          + name
          + "[collapsed=true]\r\u001b[0K"
          + title,
      name
    };
  }

  /** The line that closes the group {@link #open} named {@code name}. */
  String close(String name) {
    if (kind == Kind.GITHUB) {
      return "::endgroup::";
    }
    return "\u001b[0Ksection_end:" + clock.instant().getEpochSecond() + ":" + name + "\r\u001b[0K";
  }

  /** GitHub annotations for a descriptor's problems; none elsewhere. */
  List<String> annotations(DescriptorException e) {
    List<String> lines = new ArrayList<>();
    if (kind != Kind.GITHUB) {
      return lines;
    }
    for (DescriptorProblem p : e.problems()) {
      String message = p.message() + (p.hint().isEmpty() ? "" : "; " + p.hint());
      lines.add(error(p.position(), "descriptor problem", message));
    }
    return lines;
  }

  /**
   * GitHub annotations for a run's failed steps and gates, at the step's place in the descriptor;
   * none elsewhere.
   *
   * @param positions where each step (by its name in the descriptor) is written
   */
  List<String> annotations(RunRecord run, Map<String, SourcePosition> positions) {
    List<String> lines = new ArrayList<>();
    if (kind != Kind.GITHUB) {
      return lines;
    }
    for (StepRecord step : run.steps()) {
      boolean failed =
          !step.status().isSuccessful()
              && step.status() != StepState.SKIPPED
              && step.status() != StepState.CANCELLED;
      SourcePosition at = positions.getOrDefault(step.step(), SourcePosition.of(run.descriptor()));
      for (GateResult gate : GateResult.of(step)) {
        if (Boolean.FALSE.equals(gate.passed())) {
          lines.add(error(at, "gate " + gate.name() + " failed in " + step.id(), gate.message()));
        }
      }
      if (failed) {
        lines.add(
            error(
                at,
                step.id() + " " + step.status(),
                step.message().isEmpty() ? step.status().name() : step.message()));
      }
    }
    return lines;
  }

  private String error(SourcePosition at, String title, String message) {
    StringBuilder sb = new StringBuilder("::error file=").append(property(file(at.file())));
    if (at.line() > 0) {
      sb.append(",line=").append(at.line()).append(",col=").append(Math.max(1, at.column()));
    }
    return sb.append(",title=")
        .append(property(title))
        .append("::")
        .append(data(message))
        .toString();
  }

  /** The file as the repository names it: relative to the workspace when inside it. */
  private String file(String file) {
    Path path = Path.of(file);
    if (workspace != null && path.isAbsolute() && path.normalize().startsWith(workspace)) {
      return workspace.relativize(path.normalize()).toString();
    }
    return file;
  }

  /** A workflow command's message: %, CR and LF escaped. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A workflow command's property value: also : and , escaped. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
