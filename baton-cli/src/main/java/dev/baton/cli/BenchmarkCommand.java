package dev.baton.cli;

import dev.baton.core.descriptor.StepKind;
import picocli.CommandLine.Command;

/**
 * {@code baton benchmark}: Run the benchmark steps (timings, regression check) and what they need.
 */
@Command(
    name = "benchmark",
    description = "Run the benchmark steps (timings, regression check) and what they need.")
final class BenchmarkCommand extends KindCommand {
  @Override
  StepKind kind() {
    return StepKind.BENCHMARK;
  }
}
