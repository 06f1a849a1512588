package dev.baton.jenkins

/**
 * What happens after the build was aborted, as {@code post { always { } }} does: every step that had
 * not ended is cancelled, except the cleanup steps (their {@code when} calls failure(),
 * cancelled() or always()), which run now, one after the other in plan order, each on its own
 * agent as usual and each under its own time limit: its {@code timeout} plus a minute for the agent
 * and the CLI to start, or {@link #CLEANUP_SECONDS} when it sets none. {@code baton step} decides
 * their {@code when} with cancelled() true. Another abort stops the cleanup step then running.
 */
class AfterAbort implements Serializable {
    private static final long serialVersionUID = 1L
    /** The time limit of a cleanup step without a timeout of its own: the core's, 5 minutes. */
    static final int CLEANUP_SECONDS = 300
    static final int START_SECONDS = 60

    private final script
    private final BatonRun parent

    AfterAbort(def script, BatonRun parent) {
        this.script = script
        this.parent = parent
    }

    void run() {
        List steps = parent.plan.steps as List
        script.echo("Baton ${parent.plan.pipeline}: the build was aborted; running its cleanup steps")
        for (int i = 0; i < steps.size(); i++) {
            Map step = steps[i] as Map
            if (parent.states.outcome(step.id as String) != null) {
                continue
            }
            if (PlanJson.cleanup(step) && !PlanJson.pending(step)) {
                runCleanup(step, i)
            } else {
                parent.states.finish(StepOutcome.cancelled(step, 'never started: the build was aborted'))
            }
        }
    }

    private void runCleanup(Map step, int index) {
        int seconds = limit(step)
        try {
            script.timeout(time: seconds, unit: 'SECONDS') {
                new StepBranch(script, parent, step, BatonRun.slot(index, -1), true).run()
            }
        } catch (Throwable t) {
            // Its time ran out (the outcome says so) or a second abort: the next cleanup step still
            // gets its turn under its own limit, as the abort of the build already stands.
            script.echo("Baton: cleanup step ${step.id} stopped after the abort: ${t.message ?: t}")
        }
        if (parent.states.outcome(step.id as String) == null) {
            parent.states.finish(StepOutcome.cancelled(step, "stopped: its ${seconds} s after the abort ran out"))
        }
    }

    @NonCPS
    static int limit(Map step) {
        Object timeout = step.timeoutSeconds
        return timeout == null ? CLEANUP_SECONDS : (Math.ceil(timeout as double) as int) + START_SECONDS
    }
}
