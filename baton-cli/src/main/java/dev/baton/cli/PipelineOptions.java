package dev.baton.cli;

import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every pipeline command shares: the descriptor, parameters, and agents. */
final class PipelineOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The descriptor (default: ./baton.yaml).")
  Path file;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "Override a parameter of the descriptor; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = "--agents",
      paramLabel = "FILE",
      description = "Declare agents in this file instead of the descriptor's 'agents:'.")
  Path agents;

  BatonConfig config() {
    Path f = file == null ? Path.of("baton.yaml") : file;
    if (!Files.exists(f)) {
      throw new UsageException(
          file == null
              ? "no baton.yaml in "
                  + Path.of("").toAbsolutePath()
                  + "; pass the descriptor's path, such as 'baton run examples/quickstart/baton.yaml'"
              : "descriptor " + f + " does not exist; check the path");
    }
    if (agents != null && !Files.exists(agents)) {
      throw new UsageException(
          "agents file " + agents + " does not exist; check the --agents path");
    }
    return BatonConfig.builder(f).params(params).agentsFile(agents).build();
  }
}
