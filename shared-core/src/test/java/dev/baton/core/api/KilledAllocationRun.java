package dev.baton.core.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run in allocation mode in its own JVM, so that a test can kill it with SIGKILL: {@code quick}
 * counts its runs, {@code slow} sleeps until the file {@code go} exists. Args: workspace, and a run
 * id to resume.
 */
final class KilledAllocationRun {
  private KilledAllocationRun() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path file = dir.resolve("baton.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: killres
        steps:
          quick: {agent: {gpus: 1}, timeout: 1m, run: 'echo ran >> quick.count'}
          slow:
            needs: [quick]
            agent: {gpus: 2}
            timeout: 5m
            run: 'if [ -f go ]; then echo finished; else sleep 300; fi'
        """);
    BatonConfig config =
        BatonConfig.of(file).toBuilder()
            .executor("slurm")
            .executorOptions(Map.of("mode", "allocation"))
            .resume(args.length > 1 ? args[1] : null)
            .build();
    RunOutcome outcome = new Baton(e -> {}).run(config);
    System.exit(outcome.succeeded() ? 0 : 1);
  }
}
