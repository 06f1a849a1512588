package dev.baton.jenkins.runtime;

import groovy.lang.Script;

/**
 * Base class of the Jenkinsfile and of every {@code vars/*.groovy} script, as {@code CpsScript} is
 * in Jenkins: steps and global variables come from the binding, and calling a step that no
 * installed plugin provides throws {@link NoSuchMethodError} with Jenkins' message.
 */
public abstract class PipelineScript extends Script {
  /** Called by Groovy when neither a method nor a binding closure of this name exists. */
  public Object methodMissing(String name, Object args) {
    throw new NoSuchMethodError(
        "No such DSL method '" + name + "' found among steps " + RecordingPipelineRuntime.STEPS);
  }
}
