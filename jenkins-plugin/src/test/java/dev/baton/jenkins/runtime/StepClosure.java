package dev.baton.jenkins.runtime;

import groovy.lang.Closure;

/** A pipeline step in the script binding: calling it runs the runtime's implementation. */
final class StepClosure extends Closure<Object> implements JenkinsProvided {
  private static final long serialVersionUID = 1L;
  private final transient RecordingPipelineRuntime runtime;
  private final String step;

  StepClosure(RecordingPipelineRuntime runtime, String step) {
    super(null);
    this.runtime = runtime;
    this.step = step;
  }

  @Override
  public Object call(Object... args) {
    return runtime.invoke(step, args == null ? new Object[0] : args);
  }

  @Override
  public Object call() {
    return call(new Object[0]);
  }

  @Override
  public Object call(Object arg) {
    return call(new Object[] {arg});
  }
}
