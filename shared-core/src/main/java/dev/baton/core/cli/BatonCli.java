package dev.baton.core.cli;

import dev.baton.core.api.BatonException;
import dev.baton.core.api.ExitCodes;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command line: picocli commands over the same API the Maven goals use. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Run machine-learning pipelines described in baton.yaml, from any CI.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      BenchmarkCommand.class,
      DeployCommand.class,
      BaselineCommand.class,
      PlanCommand.class,
      CheckCommand.class,
      AgentsCommand.class,
      StepCommand.class,
      MergeCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BatonCli implements Runnable {

  public static void main(String[] args) {
    fastProcessLaunch();
    System.exit(execute(args, System.out, System.err));
  }

  /**
   * On Linux, JDKs up to 21 can start children with vfork directly instead of through the
   * jspawnhelper program: one exec fewer per step, which is most of Baton's per-step cost.
   */
  private static void fastProcessLaunch() {
    if (System.getProperty("jdk.lang.Process.launchMechanism") == null
        && Runtime.version().feature() <= 21
        && System.getProperty("os.name", "").startsWith("Linux")) {
      System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
    }
  }

  /** Runs one command line and returns its exit code; never throws for a user mistake. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    Console.use(out, err);
    CommandLine cl = new CommandLine(new BatonCli());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof BatonException b) {
            err.println("baton: error: " + b.getMessage());
            return b.exitCode();
          }
          err.println("baton: internal error (a bug in Baton; please report it with this trace):");
          ex.printStackTrace(err);
          return ExitCodes.INFRASTRUCTURE;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(Console.out());
  }
}
