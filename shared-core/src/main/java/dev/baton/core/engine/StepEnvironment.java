package dev.baton.core.engine;

import dev.baton.core.exec.StepOutputFile;
import dev.baton.core.plan.PlannedStep;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the environment of one attempt: inherited, then pipeline and step env, then Baton's. */
final class StepEnvironment {
  private StepEnvironment() {}

  static Map<String, String> of(
      RunSettings settings,
      PlannedStep step,
      int attempt,
      String agent,
      List<Integer> gpus,
      boolean gpusAssigned,
      Path outputFile) {
    Map<String, String> env = new HashMap<>(settings.baseEnv());
    env.putAll(step.env());
    settings.secrets().applyTo(env, step.spec().secrets());
    env.put("BATON_RUN_ID", settings.runId());
    env.put("BATON_STEP_ID", step.id());
    env.put("BATON_STEP", step.stepName());
    env.put("BATON_ATTEMPT", Integer.toString(attempt));
    env.put("BATON_REPORT_DIR", settings.reportDir().toString());
    env.put("BATON_PIPELINE", settings.pipeline());
    env.put("BATON_WORKSPACE", settings.workspace().toString());
    env.put("BATON_AGENT", agent);
    env.put(StepOutputFile.ENV, outputFile.toString());
    if (gpusAssigned) {
      String list = gpus.stream().map(String::valueOf).collect(Collectors.joining(","));
      env.put("BATON_GPUS", list);
      // An empty list hides every GPU from a step that asked for none, so it cannot grab one.
      env.put("CUDA_VISIBLE_DEVICES", list);
      // CUDA numbers GPUs fastest first unless told otherwise; Baton's indices, and its leases,
      // are nvidia-smi's, which go by PCI bus: without this a step on a machine with mixed models
      // could be given another step's GPU.
      env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
      env.put("NVIDIA_VISIBLE_DEVICES", gpus.isEmpty() ? "void" : list);
    }
    return env;
  }
}
