package dev.baton.cli;

import dev.baton.core.api.BatonConfig;
import dev.baton.core.plan.StepIdList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton run}: runs a pipeline and writes its reports. */
@Command(
    name = "run",
    description = "Run the pipeline's steps and write reports.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every step succeeded",
      "1:a step or gate failed",
      "2:bad descriptor or usage",
      "3:infrastructure (cannot schedule, engine unreachable, disk full, workspace locked by another run)",
      "130:cancelled"
    })
final class RunCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Mixin RunOptions run;

  // Not picocli's split: a matrix cell's id has commas of its own.
  @Option(
      names = "--only",
      paramLabel = "STEP",
      description =
          "Run only these steps (names or ids, comma-separated: prep,train[lr=0.1,l2=0]) and"
              + " what they need; repeatable.")
  List<String> only = List.of();

  @Option(
      names = "--executor",
      paramLabel = "ENGINE",
      description = "local (default) or slurm (each attempt becomes an sbatch job).")
  String executor = "";

  @Option(
      names = "--slurm",
      paramLabel = "KEY=VALUE",
      description =
          "A Slurm setting with --executor slurm: partition, account, qos, poll (a duration), args (extra sbatch options), mode (job: a batch job per step; allocation: steps started by Baton's pilot inside allocations it holds), idle (allocation mode: how long an unused allocation is kept, default 1m). Repeatable.")
  Map<String, String> slurm = new LinkedHashMap<>();

  @Option(names = "--fail-fast", description = "Cancel running steps as soon as one fails.")
  boolean failFast;

  @Option(
      names = "--resume",
      paramLabel = "RUN",
      description =
          "Continue an interrupted run (its id, or latest) in its own report directory: steps that"
              + " succeeded are not run again; the rest run. Needs the same descriptor and params.")
  String resume;

  @Override
  public Integer call() {
    BatonConfig config =
        run.apply(pipeline.config()).toBuilder()
            .only(StepIdList.parseAll(only))
            .executor(executor)
            .executorOptions(slurm)
            .failFast(failFast)
            .resume(resume)
            .build();
    return run.execute(config);
  }
}
