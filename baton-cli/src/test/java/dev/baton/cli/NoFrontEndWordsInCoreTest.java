package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The core says what to change as a value (errors.Fix); only a front end spells it. So no text in
 * baton-core's main sources (string literals and comments alike) names one of the command line's
 * options, read here from the command line's own model, or one of its commands, or a Maven
 * property.
 */
class NoFrontEndWordsInCoreTest {

  /** Options of programs Baton runs (sbatch, sacct, nvidia-smi) that share a name with its own. */
  private static final Pattern PROGRAM_OPTION = Pattern.compile("--[a-z-]+=");

  @Test
  void coreSourcesNameNoCommandLineOptionCommandOrMavenProperty() throws IOException {
    Set<String> options = new TreeSet<>();
    Set<String> commands = new TreeSet<>();
    collect(BatonCli.commandLine(new String[0]), options, commands);
    assertThat(options).contains("--report-dir", "--resume");

    List<String> found = new ArrayList<>();
    Path core = coreSources();
    try (Stream<Path> files = Files.walk(core)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.toString().endsWith(".java") || f.startsWith(core.resolve("dev/baton/core/cli"))) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = PROGRAM_OPTION.matcher(lines.get(i)).replaceAll("");
          for (String o : options) {
            Matcher m =
                Pattern.compile("(?<![\\w-])" + Pattern.quote(o) + "(?![\\w-])").matcher(line);
            if (m.find()) {
              found.add(core.relativize(f) + ":" + (i + 1) + ": " + o);
            }
          }
          for (String c : commands) {
            if (line.contains("baton " + c + " ") || line.contains("baton " + c + "'")) {
              found.add(core.relativize(f) + ":" + (i + 1) + ": baton " + c);
            }
          }
          if (line.contains("-Dbaton.") || line.contains("mvn baton:")) {
            found.add(core.relativize(f) + ":" + (i + 1) + ": a Maven word");
          }
        }
      }
    }
    assertThat(found).as("front-end words in core sources; use errors.Fix instead").isEmpty();
  }

  private static void collect(CommandLine cl, Set<String> options, Set<String> commands) {
    for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
      for (String name : o.names()) {
        if (name.startsWith("--") && !name.equals("--help") && !name.equals("--version")) {
          options.add(name);
        }
      }
    }
    for (var sub : cl.getSubcommands().entrySet()) {
      commands.add(sub.getKey());
      collect(sub.getValue(), options, commands);
    }
  }

  /** baton-core's main sources, found from this module's directory upwards. */
  private static Path coreSources() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared-core/src/main/java");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("shared-core/src/main/java not found above " + Path.of(""));
  }
}
