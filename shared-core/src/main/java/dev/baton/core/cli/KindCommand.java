package dev.baton.core.cli;

import dev.baton.core.descriptor.StepKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** {@code baton validate|benchmark|deploy}: {@code run}, limited to the steps of one kind. */
abstract class KindCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Mixin RunOptions run;

  abstract StepKind kind();

  @Override
  public Integer call() {
    return run.execute(run.apply(pipeline.config()).withKind(kind()));
  }
}
