package dev.baton.jenkins.runtime;

import com.cloudbees.groovy.cps.Continuation;
import com.cloudbees.groovy.cps.Envs;
import com.cloudbees.groovy.cps.Next;
import com.cloudbees.groovy.cps.impl.CpsCallableInvocation;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs pipeline code as Jenkins does: through the CPS interpreter (or as plain Groovy when a test
 * asks), and one piece of Groovy at a time. Jenkins runs every branch of a build on one CPS VM
 * thread and switches only where a step waits; here each branch has a thread, but a branch runs
 * Groovy only while it holds the build's one CPS lock, which a step gives up only while it waits
 * ({@code sh}, {@code node}, {@code lock}, {@code sleep}, {@code parallel}, ...). So Groovy that
 * loops without reaching a step, or blocks inside Groovy, stalls every branch here as it does on
 * Jenkins, and the build fails saying so.
 *
 * <p>Under CPS the program state is serialized at every step call, as Jenkins saves it; calls of
 * CPS code from non-CPS code are recorded; and a controller restart can be simulated after a
 * top-level step ({@link ProgramRestart}).
 */
final class GroovyExecution {
  private static final ThreadLocal<Next> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);
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
  private final long maxWaitMillis;
  private final ReentrantLock cpsThread = new ReentrantLock(true);
  private final Set<Thread> waitingInSteps = new HashSet<>();
  private final ProgramRestart restart;
  private volatile String killed;
  private Thread main;

  GroovyExecution(boolean cps, BuildRun build, long maxWaitMillis, ProgramRestart restart) {
    this.cps = cps;
    this.build = build;
    this.maxWaitMillis = maxWaitMillis;
    this.restart = restart;
    if (cps) {
      mismatchSink = build;
    }
  }

  boolean cps() {
    return cps;
  }

  Object runScript(Script script) {
    main = Thread.currentThread();
    enter();
    try {
      return script.run();
    } catch (CpsCallableInvocation invocation) {
      return interpret(invocation);
    } finally {
      cpsThread.unlock();
    }
  }

  /** Calls a block step's body on the current thread, which holds the CPS lock. */
  Object call(Closure<?> body, Object... args) {
    try {
      return body.call(args);
    } catch (CpsCallableInvocation invocation) {
      return interpret(invocation);
    }
  }

  /** Runs a parallel branch's body on a new thread, taking the CPS lock for it. */
  Object callOnBranchThread(Closure<?> body) {
    enter();
    try {
      return call(body);
    } finally {
      cpsThread.unlock();
    }
  }

  /**
   * Runs {@code wait} (a step waiting for a process, an executor, a lock, time or branches) with
   * the CPS lock given up, so other branches run meanwhile, as on Jenkins' CPS thread. An abort
   * interrupts it.
   */
  <T> T outside(Callable<T> wait) throws InterruptedException {
    Thread me = Thread.currentThread();
    synchronized (waitingInSteps) {
      waitingInSteps.add(me);
    }
    cpsThread.unlock();
    try {
      return wait.call();
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      synchronized (waitingInSteps) {
        waitingInSteps.remove(me);
        // An abort that came as the wait ended is not carried into the next step.
        Thread.interrupted();
      }
      enter();
    }
  }

  /**
   * Aborts the build as Jenkins' abort button does: every step that is waiting is interrupted and
   * throws {@link FlowInterruptedException} into the program, whose catch and finally blocks then
   * run (and may call steps).
   */
  void abort() {
    synchronized (waitingInSteps) {
      for (Thread t : waitingInSteps) {
        t.interrupt();
      }
    }
  }

  /** Interrupts {@code thread} when it is waiting in a step (the timeout step's expiry). */
  void interruptIfWaiting(Thread thread) {
    synchronized (waitingInSteps) {
      if (waitingInSteps.contains(thread)) {
        thread.interrupt();
      }
    }
  }

  /** Under CPS, checks that the program state at this step call could be saved. */
  void checkpoint(String step) {
    if (killed != null) {
      throw new FlowInterruptedException(killed);
    }
    Next next = CURRENT.get();
    if (cps && next != null) {
      String problem = SerializationCheck.problem(next);
      if (problem != null) {
        build.unserializable.add("at step " + step + ": " + problem);
      }
      if (DEPTH.get() == 1 && Thread.currentThread() == main) {
        restart.stepCalled(step);
      }
    }
  }

  /** Takes the CPS lock; fails the build when a branch has held it too long without a step. */
  private void enter() {
    long deadline = System.currentTimeMillis() + maxWaitMillis;
    boolean interrupted = false;
    while (true) {
      try {
        if (cpsThread.tryLock(
            Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
          break;
        }
        String why =
            "the CPS thread was busy for "
                + maxWaitMillis / 1000
                + " s without reaching a step: Groovy that loops or blocks outside a step stalls"
                + " every branch of a Jenkins build";
        killed = why;
        build.log("", why);
        throw new FlowInterruptedException(why);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Object interpret(CpsCallableInvocation invocation) {
    Next previous = CURRENT.get();
    DEPTH.set(DEPTH.get() + 1);
    Next next = invocation.invoke(Envs.empty(), null, Continuation.HALT);
    try {
      while (next.yield == null) {
        if (killed != null) {
          throw new FlowInterruptedException(killed);
        }
        CURRENT.set(next);
        next = next.step();
        if (DEPTH.get() == 1 && Thread.currentThread() == main && next.yield == null) {
          next = restart.resumeIfDue(next);
        }
      }
      return next.yield.replay();
    } catch (Throwable t) {
      throw GroovyExecution.<RuntimeException>sneaky(t);
    } finally {
      CURRENT.set(previous);
      DEPTH.set(DEPTH.get() - 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
