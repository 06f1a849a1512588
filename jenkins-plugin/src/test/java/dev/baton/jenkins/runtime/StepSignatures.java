package dev.baton.jenkins.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of the real Jenkins steps, taken from the Pipeline Steps Reference
 * (jenkins.io/doc/pipeline/steps: workflow-durable-task-step, workflow-basic-steps, workflow-cps,
 * lockable-resources, junit, core's archiveArtifacts, htmlpublisher), with their types and which
 * are required. Every step call of a test is checked against it, so a misspelt or mistyped argument
 * fails the test. A real Jenkins is laxer: it logs "Unknown parameter(s) found" and ignores the
 * argument, which is how such typos go unnoticed there.
 */
final class StepSignatures {
  /** A parameter's type: a string, a boolean, a whole number, a list, a map, or anything. */
  enum Type {
    STRING,
    BOOLEAN,
    INT,
    NUMBER,
    LIST,
    MAP,
    ANY
  }

  record Parameter(Type type, boolean required) {}

  private static final Map<String, Map<String, Parameter>> STEPS = new LinkedHashMap<>();

  /** Keys of publishHTML's target map (HtmlPublisherTarget). */
  private static final Map<String, Parameter> HTML_TARGET =
      params(
          "reportDir S!",
          "reportFiles S!",
          "reportName S!",
          "keepAll B",
          "alwaysLinkToLastBuild B",
          "allowMissing B",
          "escapeUnderscores B",
          "includes S",
          "reportTitles S",
          "useWrapperFileDirectly B",
          "icon S");

  static {
    step("sh", "script S!", "encoding S", "label S", "returnStatus B", "returnStdout B");
    step("node", "label S");
    step(
        "lock",
        "resource S",
        "label S",
        "quantity I",
        "variable S",
        "inversePrecedence B",
        "skipIfLocked B",
        "extra L",
        "resourceSelectStrategy S",
        "priority I");
    step("stash", "name S!", "includes S", "excludes S", "allowEmpty B", "useDefaultExcludes B");
    step("unstash", "name S!");
    step(
        "junit",
        "testResults S!",
        "allowEmptyResults B",
        "skipMarkingBuildUnstable B",
        "skipPublishingChecks B",
        "checksName S",
        "keepLongStdio B",
        "keepProperties B",
        "keepTestNames B",
        "healthScaleFactor N",
        "testDataPublishers L",
        "stdioRetention S",
        "skipOldReports B");
    step(
        "archiveArtifacts",
        "artifacts S!",
        "allowEmptyArchive B",
        "caseSensitive B",
        "defaultExcludes B",
        "excludes S",
        "fingerprint B",
        "followSymlinks B",
        "onlyIfSuccessful B");
    step("publishHTML", "target M!");
    step("waitUntil", "initialRecurrencePeriod I", "quiet B");
    step("withEnv", "overrides L!");
    step("timeout", "time I!", "unit S", "activity B");
    step("catchError", "buildResult S", "catchInterruptions B", "message S", "stageResult S");
    // The other steps the runtime offers.
    step("echo", "message S!");
    step("error", "message S!");
    step("unstable", "message S!");
    step("dir", "path S!");
    step("writeFile", "file S!", "text S!", "encoding S");
    step("readFile", "file S!", "encoding S");
    step("fileExists", "file S!");
    step("deleteDir");
    step("libraryResource", "resource S!", "encoding S");
    step("checkout", "scm *!", "changelog B", "poll B");
    step("isUnix");
    step("sleep", "time I!", "unit S");
  }

  private StepSignatures() {}

  /** The checked steps. */
  static Set<String> steps() {
    return STEPS.keySet();
  }

  /** Fails when {@code step}'s arguments do not fit its signature; steps not listed pass. */
  static void check(String step, Map<String, Object> named) {
    Map<String, Parameter> signature = STEPS.get(step);
    if (signature == null) {
      return;
    }
    List<String> problems = problems(signature, named, "");
    if (step.equals("lock")
        && !named.containsKey("resource")
        && !named.containsKey("label")
        && !named.containsKey("extra")) {
      problems.add("give either resource or label");
    }
    if (step.equals("publishHTML") && named.get("target") instanceof Map<?, ?> target) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) target;
      problems.addAll(problems(HTML_TARGET, t, "target."));
    }
    if (!problems.isEmpty()) {
      throw new PipelineError(
          step
              + ": "
              + String.join("; ", problems)
              + " (parameters: "
              + String.join(", ", signature.keySet())
              + ")");
    }
  }

  private static List<String> problems(
      Map<String, Parameter> signature, Map<String, Object> named, String prefix) {
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(named.keySet());
    unknown.removeAll(signature.keySet());
    for (String name : unknown) {
      problems.add("unknown parameter '" + prefix + name + "'");
    }
    for (Map.Entry<String, Parameter> p : signature.entrySet()) {
      Object value = named.get(p.getKey());
      if (value == null) {
        if (p.getValue().required()) {
          problems.add("missing required parameter '" + prefix + p.getKey() + "'");
        }
      } else if (!fits(p.getValue().type(), value)) {
        problems.add(
            "'"
                + prefix
                + p.getKey()
                + "' must be "
                + p.getValue().type().name().toLowerCase()
                + ", not "
                + value.getClass().getSimpleName()
                + " '"
                + value
                + "'");
      }
    }
    return problems;
  }

  private static boolean fits(Type type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
      case INT -> value instanceof Integer || value instanceof Long || value instanceof Short;
      case NUMBER -> value instanceof Number;
      case LIST -> value instanceof List<?>;
      case MAP -> value instanceof Map<?, ?>;
      case ANY -> true;
    };
  }

  private static void step(String name, String... parameters) {
    STEPS.put(name, params(parameters));
  }

  /** "name T" or "name T!" (required), T one of S B I N L M *. */
  private static Map<String, Parameter> params(String... parameters) {
    Map<String, Parameter> map = new LinkedHashMap<>();
    for (String p : parameters) {
      String[] parts = p.split(" ");
      boolean required = parts[1].endsWith("!");
      Type type =
          switch (parts[1].charAt(0)) {
            case 'S' -> Type.STRING;
            case 'B' -> Type.BOOLEAN;
            case 'I' -> Type.INT;
            case 'N' -> Type.NUMBER;
            case 'L' -> Type.LIST;
            case 'M' -> Type.MAP;
            default -> Type.ANY;
          };
      map.put(parts[0], new Parameter(type, required));
    }
    return map;
  }
}
