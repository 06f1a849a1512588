package dev.baton.jenkins.runtime;

import com.cloudbees.groovy.cps.Continuation;
import com.cloudbees.groovy.cps.Envs;
import com.cloudbees.groovy.cps.Next;
import com.cloudbees.groovy.cps.impl.CpsCallableInvocation;
import groovy.lang.Closure;
import groovy.lang.Script;

/**
 * Runs pipeline code either as plain Groovy or, like Jenkins, through the CPS interpreter: a
 * CPS-transformed closure or method signals its invocation with {@link CpsCallableInvocation}, and
 * the interpreter then evaluates it block by block. Under CPS the program state is serialized at
 * every step call, as Jenkins saves it, and calls of CPS code from non-CPS code are recorded.
 */
final class GroovyExecution {
  private static final ThreadLocal<Next> CURRENT = new ThreadLocal<>();
  private static volatile BuildRun mismatchSink;

  static {
    CpsCallableInvocation.registerMismatchHandler(
        (expectedReceiver, expectedMethod, actualReceiver, actualMethod) -> {
          BuildRun sink = mismatchSink;
          if (sink != null) {
            sink.cpsMismatches.add(
                "expected to call "
                    + expectedReceiver.getClass().getName()
                    + "."
                    + expectedMethod
                    + " but wound up catching "
                    + actualReceiver.getClass().getName()
                    + "."
                    + actualMethod);
          }
        });
  }

  private final boolean cps;
  private final BuildRun build;

  GroovyExecution(boolean cps, BuildRun build) {
    this.cps = cps;
    this.build = build;
    if (cps) {
      mismatchSink = build;
    }
  }

  boolean cps() {
    return cps;
  }

  Object runScript(Script script) {
    try {
      return script.run();
    } catch (CpsCallableInvocation invocation) {
      return interpret(invocation);
    }
  }

  /** Calls a block step's body (or a parallel branch) on the current thread. */
  Object call(Closure<?> body, Object... args) {
    try {
      return body.call(args);
    } catch (CpsCallableInvocation invocation) {
      return interpret(invocation);
    }
  }

  /** Under CPS, checks that the program state at this step call could be saved. */
  void checkpoint(String step) {
    Next next = CURRENT.get();
    if (cps && next != null) {
      String problem = SerializationCheck.problem(next);
      if (problem != null) {
        build.unserializable.add("at step " + step + ": " + problem);
      }
    }
  }

  private Object interpret(CpsCallableInvocation invocation) {
    Next previous = CURRENT.get();
    Next next = invocation.invoke(Envs.empty(), null, Continuation.HALT);
    try {
      while (next.yield == null) {
        CURRENT.set(next);
        next = next.step();
      }
      return next.yield.replay();
    } catch (Throwable t) {
      throw GroovyExecution.<RuntimeException>sneaky(t);
    } finally {
      CURRENT.set(previous);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
