package dev.baton.cli;

import dev.baton.core.cache.DeclaredFiles;
import dev.baton.core.errors.UsageException;
import dev.baton.core.history.HistoryStore;
import dev.baton.core.history.LineageTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton lineage}: which run and step made a file, from what, back through runs. */
@Command(
    name = "lineage",
    description =
        "Say which run and step produced a file (by its content), from which inputs, code and"
            + " params, and what produced those.",
    mixinStandardHelpOptions = true)
final class LineageCommand implements Callable<Integer> {
  @Mixin HistoryOptions store;

  @Parameters(index = "0", paramLabel = "PATH", description = "The file.")
  Path path;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  String format = "text";

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format '" + format + "' is unknown; use text or json");
    }
    if (!Files.isRegularFile(path)) {
      throw new UsageException("no file " + path + "; pass the path of a file a step wrote");
    }
    Path ws = store.workspace.toAbsolutePath().normalize();
    DeclaredFiles files =
        DeclaredFiles.of(ws)
            .orElseThrow(() -> new UsageException("cannot read the workspace " + ws));
    String digest = files.digest(path);
    Path abs = path.toAbsolutePath().normalize();
    String shown = abs.startsWith(ws) ? ws.relativize(abs).toString() : path.toString();
    LineageTrace.Node root;
    try (HistoryStore s = store.open()) {
      root = LineageTrace.trace(s, shown, digest);
    }
    if (format.equals("json")) {
      Console.printJson(root);
    } else {
      Console.out().print(LineageTrace.text(root));
    }
    return root.producer() == null ? 1 : 0;
  }
}
