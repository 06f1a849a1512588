package dev.baton.jenkins.runtime;

import groovy.lang.GroovyObjectSupport;

/**
 * The {@code env} global variable: {@code env.NAME} reads the variable as the current block sees it
 * ({@code NODE_NAME} inside {@code node}, lock variables inside {@code lock}, ...), or null.
 */
final class EnvGlobal extends GroovyObjectSupport implements JenkinsProvided {
  private final RecordingPipelineRuntime runtime;

  EnvGlobal(RecordingPipelineRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Object getProperty(String name) {
    return runtime.environment().get(name);
  }

  @Override
  public void setProperty(String name, Object value) {
    runtime.setBuildVariable(name, value == null ? null : value.toString());
  }
}
