package dev.baton.jenkins.runtime;

/**
 * What Jenkins' {@code hudson.AbortException} is to a build: a failure with a message for people
 * and no stack trace; thrown by {@code error}, by {@code sh} on a non-zero exit, and by steps used
 * wrongly.
 */
public class PipelineError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PipelineError(String message) {
    super(message);
  }
}
