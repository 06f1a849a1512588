package dev.baton.cli;

import dev.baton.core.descriptor.StepKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code baton validate|benchmark|deploy}: {@code run}, limited to the steps of one kind. The
 * subclasses inherit these {@code @Command} attributes and add their name and description.
 */
@Command(
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every step succeeded",
      "1:a step, gate, regression or rollout failed",
      "2:bad descriptor or usage",
      "3:infrastructure (cannot schedule, engine unreachable, disk full, workspace locked)",
      "130:cancelled"
    })
abstract class KindCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Mixin RunOptions run;

  abstract StepKind kind();

  @Override
  public Integer call() {
    return run.execute(run.apply(pipeline.config()).toBuilder().kind(kind()).build());
  }
}
