package dev.baton.cli;

import dev.baton.core.api.Baton;
import dev.baton.core.api.PlanFormats;
import dev.baton.core.descriptor.StepKind;
import dev.baton.core.errors.UsageException;
import dev.baton.core.plan.Plan;
import dev.baton.core.plan.PlanRenderer;
import dev.baton.core.plan.StepIdList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton plan}: prints the plan without running it. */
@Command(
    name = "plan",
    description = "Print the plan: steps in order, what each needs and where it may run.",
    mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {
  @Mixin PipelineOptions pipeline;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json, dot, mermaid or svg (the DAG as report.html draws it).")
  String format = "text";

  // Not picocli's split: a matrix cell's id has commas of its own.
  @Option(
      names = "--only",
      paramLabel = "STEP",
      description =
          "Only these steps (names or ids, comma-separated: prep,train[lr=0.1,l2=0]) and what"
              + " they need; repeatable.")
  List<String> only = List.of();

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description =
          "Only steps of this kind (run, validate, benchmark, deploy) and what they need.")
  String kind;

  @Option(
      names = "--expand",
      paramLabel = "STEP",
      description =
          "Print the cells of this dynamic step (a matrix axis read from its needs), made from"
              + " the run records given with --needs-records; json format only.")
  String expand;

  @Option(
      names = "--needs-records",
      split = ",",
      paramLabel = "DIR",
      description =
          "Report directories (or run.json files) of the needs of the --expand step, which ran"
              + " elsewhere; comma-separated, repeatable.")
  List<Path> needsRecords = new ArrayList<>();

  @Override
  public Integer call() {
    if (expand != null) {
      if (!format.equals("json")) {
        throw new UsageException("--expand prints JSON only; add --format json");
      }
      if (needsRecords.isEmpty()) {
        throw new UsageException(
            "--expand needs the run records of the step's needs; add --needs-records DIR,...");
      }
      Baton.Expanded e =
          new Baton(Console.events(true)).expand(pipeline.config(), expand, needsRecords);
      Console.out().print(PlanRenderer.expansion(e.plan(), e.expansion()));
      return 0;
    }
    if (!needsRecords.isEmpty()) {
      throw new UsageException("--needs-records is read with --expand STEP only");
    }
    var config = pipeline.config().toBuilder().only(StepIdList.parseAll(only));
    if (kind != null) {
      try {
        config.kind(StepKind.valueOf(kind.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "unknown step kind '" + kind + "'; use run, validate, benchmark or deploy");
      }
    }
    Plan plan = new Baton(Console.events(true)).plan(config.build());
    try {
      PlanFormats.render(plan, format, Console.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // PrintStream records its errors instead of throwing
    }
    Console.out().flush();
    return 0;
  }
}
