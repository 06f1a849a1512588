package dev.baton.jenkins.runtime;

/**
 * The {@code currentBuild} global variable: the result can be read and only made worse; the
 * description (the build summary Jenkins shows under the build) can be read and set.
 */
public final class CurrentBuild implements JenkinsProvided {
  private final BuildRun build;
  private final int number;

  CurrentBuild(BuildRun build, int number) {
    this.build = build;
    this.number = number;
  }

  public String getResult() {
    return build.result().equals("SUCCESS") ? null : build.result();
  }

  public void setResult(String result) {
    build.worsen(result);
  }

  public String getCurrentResult() {
    return build.result();
  }

  public String getDescription() {
    return build.description();
  }

  public void setDescription(String description) {
    build.describe(description);
  }

  public int getNumber() {
    return number;
  }
}
