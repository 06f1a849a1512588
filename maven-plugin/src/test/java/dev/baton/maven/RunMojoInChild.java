package dev.baton.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Runs baton:run in a process of its own, so a test can give it a full disk or a file size limit:
 * prints the build error Maven would print and exits 1, or exits 0.
 */
public final class RunMojoInChild {
  private RunMojoInChild() {}

  public static void main(String[] args) {
    RunMojo mojo = new RunMojo();
    mojo.file = new File(args[0]);
    mojo.reportDir = new File(args[1]);
    mojo.parallel = 1;
    mojo.setLog(new RecordingLog());
    try {
      mojo.execute();
      System.exit(0);
    } catch (MojoExecutionException | MojoFailureException e) {
      System.out.println("[ERROR] " + e.getMessage());
      System.exit(1);
    }
  }
}
