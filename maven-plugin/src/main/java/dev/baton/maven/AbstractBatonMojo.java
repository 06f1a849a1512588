package dev.baton.maven;

import dev.baton.core.api.Baton;
import dev.baton.core.api.BatonConfig;
import dev.baton.core.errors.BatonException;
import dev.baton.core.events.EventSink;
import dev.baton.trace.RunTraces;
import java.io.File;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every Baton goal shares: its parameters, {@code baton.skip}, and turning the core's typed
 * exceptions into build failures with messages instead of stack traces. Each goal implements {@link
 * #process}, one call into the core.
 */
public abstract class AbstractBatonMojo extends AbstractMojo {

  /** The pipeline descriptor. */
  @Parameter(property = "baton.file", defaultValue = "${basedir}/baton.yaml")
  protected File file;

  /**
   * Overrides for the descriptor's {@code params}, e.g. {@code <params><dataset>x</dataset>
   * </params>}. A {@code -Dbaton.param.NAME=VALUE} property overrides the same name here.
   */
  @Parameter protected Map<String, String> params;

  /**
   * Step names or ids to run, comma-separated ({@code prepare,train[lr=0.1]}), with the steps they
   * need. Empty: every step.
   */
  @Parameter(property = "baton.only")
  protected String only;

  /**
   * Step kinds to run, comma-separated ({@code run}, {@code validate}, {@code benchmark}, {@code
   * deploy}), with the steps they need. Empty: every kind ({@code baton:run} still leaves out
   * {@code deploy} steps unless {@code baton.deploy} is true).
   */
  @Parameter(property = "baton.kinds")
  protected String kinds;

  /** The engine that runs the steps: {@code local} or {@code slurm}. Empty: the descriptor's. */
  @Parameter(property = "baton.executor")
  protected String executor;

  /** A file that declares the agents. Empty: the descriptor's agents, or this machine. */
  @Parameter(property = "baton.agents")
  protected File agents;

  /** Skips the goal. */
  @Parameter(property = "baton.skip", defaultValue = "false")
  protected boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(MavenHelpfulSuggestions.skipped());
      return;
    }
    EventSink log = new MavenEventLog(getLog());
    RunTraces traces = traces(log);
    Baton baton = new Baton(log.andThen(traces));
    try {
      process(
          baton,
          rawConfiguration().toBatonConfig().toBuilder().kinds(MavenKinds.parse(kinds)).build());
    } catch (BatonException e) {
      throw MavenErrors.toMojoException(e);
    } finally {
      traces.close();
    }
  }

  /** Where the goal's run is exported as a trace; {@code warnings} gets a failed export. */
  protected RunTraces traces(EventSink warnings) {
    return RunTraces.NONE;
  }

  /** The goal's one call into the core; a failed run throws {@link MojoFailureException}. */
  protected abstract void process(Baton baton, BatonConfig config)
      throws MojoExecutionException, MojoFailureException;

  /** The parameters as given; goals that run steps add their own options. */
  protected MavenRawConfiguration rawConfiguration() {
    return new MavenRawConfiguration(
        file,
        params,
        only,
        executor,
        agents,
        0,
        null,
        false,
        false,
        session == null ? null : session.getUserProperties(),
        session == null ? null : session.getSystemProperties());
  }
}
