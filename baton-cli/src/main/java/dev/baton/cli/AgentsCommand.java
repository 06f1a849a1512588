package dev.baton.cli;

import dev.baton.core.agents.Agent;
import dev.baton.core.agents.AgentInventory;
import dev.baton.core.agents.InventoryTable;
import dev.baton.core.agents.MachineFacts;
import dev.baton.core.descriptor.AgentSpec;
import dev.baton.core.descriptor.DescriptorReader;
import dev.baton.core.lease.GpuHolders;
import dev.baton.core.lease.LeaseException;
import dev.baton.core.lease.MachineLeases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton agents}: the agents steps would run on, their labels and GPUs. */
@Command(
    name = "agents",
    description = "Show the agents: labels, executors, GPUs (index, model, memory).",
    mixinStandardHelpOptions = true)
final class AgentsCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description =
          "A descriptor whose 'agents:' to show (default: ./baton.yaml when present, else this machine).")
  Path file;

  @Option(names = "--agents", paramLabel = "FILE", description = "An agents file.")
  Path agentsFile;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Executors of the local agent (default: cores).")
  int parallel;

  @Override
  public Integer call() {
    Map<String, String> env = System.getenv();
    MachineFacts machine = MachineFacts.detect(env);
    List<AgentSpec> declared = List.of();
    if (agentsFile != null) {
      declared = DescriptorReader.readAgentsFile(agentsFile);
    } else if (file != null || Files.exists(Path.of("baton.yaml"))) {
      declared = DescriptorReader.read(file == null ? Path.of("baton.yaml") : file).agents();
    }
    if (!machine.gpus().problem().isEmpty()) {
      Console.err().println("baton: " + machine.gpus().problem());
    }
    List<Agent> agents = AgentInventory.build(declared, machine, parallel);
    Map<String, Map<Integer, String>> states = Map.of();
    if (MachineLeases.supported()) {
      try {
        states = GpuHolders.of(agents, MachineLeases.at(MachineLeases.directoryFor(env)), env);
      } catch (LeaseException e) {
        Console.err().println("baton: cannot tell who holds the GPUs: " + e.getMessage());
      }
    }
    Console.out().print(InventoryTable.renderStates(agents, states));
    return 0;
  }
}
