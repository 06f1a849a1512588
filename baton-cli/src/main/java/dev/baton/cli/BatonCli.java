package dev.baton.cli;

import dev.baton.core.errors.BatonException;
import dev.baton.core.errors.DescriptorException;
import dev.baton.core.exec.local.LocalExecutor;
import dev.baton.core.record.RunRecordJson;
import dev.baton.core.state.RunJournal;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command line: picocli commands over the same API the Maven goals use. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Run machine-learning pipelines described in baton.yaml, from any CI.")
public final class BatonCli implements Runnable {
  // picocli builds its model of a command by reflection, about 40 ms for all of them here at
  // start-up: a command line that names its command builds only that one, --version none (help and
  // a misspelt name get all of them, so listings and "did you mean" still work).
  private static final List<String> COMMANDS =
      List.of(
          "run",
          "validate",
          "benchmark",
          "deploy",
          "baseline",
          "plan",
          "check",
          "agents",
          "step",
          "merge",
          "report",
          "advise",
          "history",
          "compare",
          "trends",
          "lineage",
          "models",
          "alias");

  /**
   * The command named {@code name}, made afresh; null for a name that is none. A switch rather than
   * a map of constructor references: each of those is linked on first use, milliseconds at start-up
   * for the one command a run builds.
   */
  private static @Nullable Object command(String name) {
    return switch (name) {
      case "run" -> new RunCommand();
      case "validate" -> new ValidateCommand();
      case "benchmark" -> new BenchmarkCommand();
      case "deploy" -> new DeployCommand();
      case "baseline" -> new BaselineCommand();
      case "plan" -> new PlanCommand();
      case "check" -> new CheckCommand();
      case "agents" -> new AgentsCommand();
      case "step" -> new StepCommand();
      case "merge" -> new MergeCommand();
      case "report" -> new ReportCommand();
      case "advise" -> new AdviseCommand();
      case "history" -> new HistoryCommand();
      case "compare" -> new CompareCommand();
      case "trends" -> new TrendsCommand();
      case "lineage" -> new LineageCommand();
      case "models" -> new ModelsCommand();
      case "alias" -> new AliasCommand();
      default -> null;
    };
  }

  /** The command line for {@code args}, with the model of the command it names. */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new BatonCli());
    Object named = args.length > 0 ? command(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(args[0], named);
    } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The version alone needs no command's model: `baton --version` is the floor every
      // command pays (the JVM, Baton's classes, the root's model).
      return cl;
    } else {
      for (String name : COMMANDS) {
        cl.addSubcommand(name, command(name));
      }
    }
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    return cl;
  }

  public static void main(String[] args) {
    fastProcessLaunch();
    if (args.length > 0 && args[0].equals("run")) {
      warmUpInBackground();
    }
    if (args.length > 0 && HistoryWarmUp.COMMANDS.contains(args[0])) {
      HistoryWarmUp.start(System.getenv());
    }
    System.exit(execute(args, System.out, System.err));
  }

  /**
   * What a run does first, done ahead on a second thread while this one builds the command's model
   * and reads the descriptor: the JSON parser's number constants (BigDecimal's tables) initialised
   * and the journal's serializers built (the descriptor's reader needs the first soonest), the C
   * library bound (JNA); then the run record's serializers, which the run needs only at its end.
   * Nothing is written; a command line that fails to parse only wasted the thread.
   */
  private static void warmUpInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                RunJournal.warmUp();
                LocalExecutor.prepare();
                RunRecordJson.warmUp();
              } catch (RuntimeException | LinkageError e) {
                // Only a head start: the run itself meets the same problem and reports it.
              }
            },
            "baton-warm-up");
    t.setDaemon(true);
    t.start();
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
    CommandLine cl = commandLine(args);
    // The platform's charset, as System.out and System.err encode with (JDK 17).
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof BatonException b) {
            err.println("baton: error: " + CliErrors.message(b));
            if (b instanceof DescriptorException d) {
              CiConsole.of(System.getenv()).annotations(d).forEach(out::println);
            }
            return ExitCodeOf.error(b);
          }
          err.println("baton: internal error (a bug in Baton; please report it with this trace):");
          ex.printStackTrace(err);
          return ExitCodes.INFRASTRUCTURE;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    commandLine(new String[0]).usage(Console.out());
  }
}
