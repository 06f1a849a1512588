package dev.baton.jenkins.runtime;

/**
 * Stands in for Jenkins' exception of the same simple name, thrown into running steps when the
 * build is aborted; code that catches failures must let it through.
 */
public class FlowInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlowInterruptedException(String message) {
    super(message);
  }
}
