package dev.baton.cli;

import dev.baton.core.api.Baton;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton step}: runs one step of a plan on an agent an outside engine chose (the Jenkins
 * library calls it on each node), with the same retries and timeouts as a local run.
 */
@Command(
    name = "step",
    description =
        "Run exactly one planned step (its needs assumed done) on GPUs chosen outside Baton.",
    mixinStandardHelpOptions = true)
final class StepCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Parameters(
      index = "1",
      paramLabel = "STEP_ID",
      description = "The step id, such as train or train[lr=0.01].")
  String stepId;

  @Option(
      names = "--report-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where this step's run.json and log go.")
  Path reportDir;

  @Option(
      names = "--gpus",
      split = ",",
      paramLabel = "INDEX",
      description = "GPU indices this step may use (set as CUDA_VISIBLE_DEVICES).")
  List<Integer> gpus = new ArrayList<>();

  @Option(
      names = "--agent",
      paramLabel = "NAME",
      description = "The agent's name in reports (default: this host's name).")
  String agent;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "The run id shared by every step of one pipeline run.")
  String runId;

  @Option(
      names = "--needs-records",
      split = ",",
      paramLabel = "DIR",
      description =
          "Report directories (or run.json files) of the steps this one needs, which ran"
              + " elsewhere: its needs.* expressions read them, and STEP_ID may name a cell of a"
              + " dynamic step; comma-separated, repeatable.")
  List<Path> needsRecords = new ArrayList<>();

  @Option(
      names = "--run-cancelled",
      description =
          "The pipeline run this step belongs to was stopped (its build aborted): cancelled() in"
              + " the step's when holds.")
  boolean runCancelled;

  @Option(names = "--quiet-output", description = "Do not echo step output to the console.")
  boolean quietOutput;

  @Mixin LeaseTimeoutOption leaseTimeout = new LeaseTimeoutOption();

  @Override
  public Integer call() {
    String name = agent != null ? agent : hostName();
    ConsoleReporter console = Console.reporter(quietOutput);
    Baton baton = new Baton(console);
    Signals.onInterrupt(baton::cancel, baton::stopNow);
    try {
      return ExitCodeOf.outcome(
          baton.runStep(
              pipeline.config().toBuilder()
                  .reportDir(reportDir)
                  .leaseTimeout(leaseTimeout.value())
                  .build(),
              stepId,
              name,
              gpus,
              runId,
              needsRecords,
              runCancelled));
    } finally {
      console.close();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "agent";
    }
  }
}
