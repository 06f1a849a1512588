package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The command line builds only the models it needs (picocli reads them by reflection, the largest
 * part of start-up), and what needs them all still gets them all.
 */
class CommandModelsTest {

  @Test
  void theVersionNeedsNoCommandsModel() {
    assertThat(BatonCli.commandLine(new String[] {"--version"}).getSubcommands()).isEmpty();
    assertThat(BatonCli.commandLine(new String[] {"-V"}).getSubcommands()).isEmpty();
    for (String flag : new String[] {"--version", "-V"}) {
      Output out = execute(flag);
      assertThat(out.code()).isZero();
      assertThat(out.text()).startsWith("baton ");
    }
  }

  @Test
  void aNamedCommandBuildsOnlyItsOwnModel() {
    assertThat(BatonCli.commandLine(new String[] {"run", "baton.yaml"}).getSubcommands())
        .containsOnlyKeys("run", "help");
  }

  @Test
  void helpAndAMisspeltCommandStillSeeEveryCommand() {
    assertThat(BatonCli.commandLine(new String[] {"--help"}).getSubcommands())
        .containsKeys("run", "plan", "history", "alias", "help");
    Output help = execute("--help");
    assertThat(help.code()).isZero();
    assertThat(help.text()).contains("run").contains("plan").contains("history");
    Output misspelt = execute("rnu");
    assertThat(misspelt.code()).isNotZero();
    assertThat(misspelt.text()).contains("run");
  }

  private record Output(int code, String text) {}

  private static Output execute(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = BatonCli.execute(args, sink, sink);
    return new Output(code, bytes.toString(StandardCharsets.UTF_8));
  }
}
