package dev.baton.jenkins.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a pipeline step runs: the parallel branch, the agent and workspace of the enclosing {@code
 * node}, the directory of the enclosing {@code dir}, and the variables added by {@code withEnv} and
 * {@code lock(variable:)}. Block steps run their body in a derived context, as Jenkins does.
 */
record StepContext(
    String branch,
    TestAgent agent,
    int executor,
    Path workspace,
    Path cwd,
    Map<String, String> env) {

  StepContext {
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  static StepContext top() {
    return new StepContext("", null, -1, null, null, Map.of());
  }

  StepContext inBranch(String name) {
    String nested = branch.isEmpty() ? name : branch + "/" + name;
    return new StepContext(nested, agent, executor, workspace, cwd, env);
  }

  StepContext onAgent(TestAgent node, int slot, Path ws) {
    Map<String, String> vars = new LinkedHashMap<>(env);
    vars.put("NODE_NAME", node.name());
    vars.put("NODE_LABELS", String.join(" ", node.effectiveLabels()));
    vars.put("EXECUTOR_NUMBER", String.valueOf(slot));
    vars.put("WORKSPACE", ws.toString());
    return new StepContext(branch, node, slot, ws, ws, vars);
  }

  StepContext withVars(Map<String, String> more) {
    Map<String, String> vars = new LinkedHashMap<>(env);
    vars.putAll(more);
    return new StepContext(branch, agent, executor, workspace, cwd, vars);
  }

  StepContext inDir(Path dir) {
    return new StepContext(branch, agent, executor, workspace, dir, env);
  }

  /** The workspace directory, or a failure naming the step that needs one. */
  Path requireCwd(String step) {
    if (cwd == null) {
      throw new PipelineError(
          step
              + ": Required context class hudson.FilePath is missing. Perhaps you forgot to"
              + " surround the code with a step that provides this, such as: node");
    }
    return cwd;
  }
}
