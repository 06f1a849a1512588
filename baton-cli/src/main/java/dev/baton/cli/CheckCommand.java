package dev.baton.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.descriptor.PipelineDescriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton check}: lints the descriptor, runs nothing. */
@Command(
    name = "check",
    description =
        "Check the descriptor (keys, types, needs, cycles, expressions, agents); run nothing.",
    mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Override
  public Integer call() {
    var config = pipeline.config();
    PipelineDescriptor d = new Baton(Console.events(true)).check(config);
    Console.out()
        .println(config.file() + ": OK (" + d.name() + ", " + d.steps().size() + " steps)");
    d.paramSpecs()
        .values()
        .forEach(
            p ->
                Console.out()
                    .println(
                        "  param "
                            + p.name()
                            + " ("
                            + p.shownType()
                            + ") = "
                            + config.params().getOrDefault(p.name(), p.defaultValue())
                            + (p.description().isEmpty() ? "" : ": " + p.description())));
    return 0;
  }
}
