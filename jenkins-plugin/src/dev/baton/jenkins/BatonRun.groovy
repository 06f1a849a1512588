package dev.baton.jenkins

/**
 * What {@code baton(...)} does: plans the descriptor with the Baton CLI, runs every planned step as
 * a parallel branch on a matching agent ({@link StepBranch}; a dynamic step's cells as a nested
 * parallel, {@link DynamicStep}), publishes the merged reports ({@link ReportPublisher}) and sets
 * the build result ({@link Verdict}). When the build is aborted, the cleanup steps still run
 * ({@link AfterAbort}), the reports are published, and the build ends aborted. The plan comes from
 * the core; nothing here decides order or placement beyond Jenkins' own node and lock steps.
 */
class BatonRun implements Serializable {
    private static final long serialVersionUID = 1L

    final script
    final BatonOptions options
    final BatonCli cli
    final StepStates states = new StepStates()
    Map plan
    /** For each step id, the plan indices of the steps that need it. */
    Map<String, List<Integer>> dependents
    /** Names this call's directories and stashes, unique within the build. */
    String key
    String runId

    BatonRun(def script, Map args, String kind) {
        this.script = script
        this.options = BatonOptions.parse(args, kind)
        this.cli = new BatonCli(script, options)
    }

    /** Runs the planned steps and publishes the reports; fails the build when a step failed. */
    Map run() {
        planOnly()
        if (plan.steps.isEmpty()) {
            script.echo("Baton ${plan.pipeline}: no step to run${options.only ? ' for only: ' + options.only.join(',') : ''}")
        }
        dependents = PlanJson.dependents(plan)
        List<Integer> roots = states.claimReady(PlanJson.roots(plan), plan.steps as List)
        Throwable abort = null
        try {
            if (!roots.isEmpty()) {
                runFrom(roots)
            }
        } catch (Throwable t) {
            if (!StepBranch.isInterruption(t)) {
                throw t
            }
            abort = t
        }
        if (abort != null) {
            new AfterAbort(script, this).run()
        }
        List<Map> outcomes = reported()
        int mergeExit = new ReportPublisher(script, this).publish(outcomes)
        if (abort != null) {
            script.echo(Verdict.decide(plan.pipeline as String, outcomes, options.gateFailure).summary as String)
            throw abort
        }
        return conclude(outcomes, mergeExit)
    }

    /**
     * The outcome of every planned step, in plan order, as the reports list them: a dynamic step
     * that made cells by its cells, in cell order; a step that never got to run as failed.
     */
    private List<Map> reported() {
        List<Map> outcomes = []
        for (int i = 0; i < plan.steps.size(); i++) {
            Map step = plan.steps[i] as Map
            Map outcome = states.outcome(step.id as String) ?: StepOutcome.failed(step, 'never ran')
            outcomes.addAll(states.parts(outcome))
        }
        return outcomes
    }

    /** Plans on an agent and returns the plan: pipeline, descriptor, params, steps. */
    Map planOnly() {
        if (!options.problems.isEmpty()) {
            script.error("Baton: ${options.problems.join('; ')}")
        }
        if (!options.cliVersion) {
            options.cliVersion = (script.libraryResource(BatonCli.VERSION_RESOURCE) as String).trim()
        }
        key = Keys.callKey(script.env.BUILD_TAG as String, options.kind)
        runId = Keys.safe(script.env.BUILD_TAG as String ?: 'jenkins')
        String out = "${workDir()}/plan.json"
        onPlanningAgent {
            cli.install()
            List<String> args = ['plan', options.file] + cli.paramArgs() + ['--format', 'json']
            if (!options.only.isEmpty()) {
                args += ['--only', options.only.join(',')]
            }
            if (options.kind) {
                args += ['--kind', options.kind]
            }
            int exit = cli.runTo(args, out, 'baton plan')
            if (exit != 0) {
                script.error(Keys.planFailure(options.file, exit))
            }
            plan = PlanJson.parse(script.readFile(out) as String)
            cleanUp()
            if (plan == null) {
                script.error("Baton: 'baton plan' printed no plan for ${options.file}; "
                             + "check that the agent's Baton CLI is version ${options.cliVersion} or newer")
            }
        }
        script.echo("Baton ${plan.pipeline}: ${plan.steps.size()} step(s) planned from ${options.file}")
        return plan
    }

    /** Runs {@code body} on an agent: the current one inside node { }, else one labelled options.label. */
    void onPlanningAgent(Closure body) {
        if (script.env.NODE_NAME) {
            body()
            return
        }
        script.node(options.label) {
            if (options.checkout) {
                script.checkout(script.scm)
            }
            body()
        }
    }

    /** Deletes this call's directory in the current workspace: run records, logs, carried files. */
    void cleanUp() {
        script.dir(workDir()) {
            script.deleteDir()
        }
    }

    @NonCPS
    String workDir() {
        return ".baton/jenkins/${key}".toString()
    }

    /** Names the directories and stashes of plan step {@code index}, or of its cell {@code cell} (>= 0). */
    @NonCPS
    static String slot(int index, int cell) {
        return cell < 0 ? String.format('%03d', index) : String.format('%03d-%d', index, cell)
    }

    @NonCPS
    String stepDir(String slot) {
        return "${workDir()}/steps/${slot}".toString()
    }

    @NonCPS
    String carryPath(String slot, String suffix) {
        return "${workDir()}/carry/${slot}.${suffix}".toString()
    }

    @NonCPS
    String stashName(String what, String slot) {
        return "baton-${key}-${what}-${slot}".toString()
    }

    /**
     * Runs the steps at {@code indices} as parallel branches. When a step ends, its branch goes on
     * with the steps that were waiting only for it: one in the same branch, several as a nested
     * parallel. So a step starts as soon as its needs have ended, and no branch polls.
     */
    void runFrom(List<Integer> indices) {
        Map branches = [:]
        for (int i = 0; i < indices.size(); i++) {
            int index = indices[i]
            branches[(plan.steps[index] as Map).id as String] = { -> runChain(index) }
        }
        script.parallel(branches)
    }

    void runChain(int first) {
        List<Integer> ready = [first]
        while (ready.size() == 1) {
            Map step = plan.steps[ready[0]] as Map
            if (PlanJson.pending(step)) {
                new DynamicStep(script, this, step, ready[0]).run()
            } else {
                new StepBranch(script, this, step, slot(ready[0], -1), false).run()
            }
            ready = states.claimReady(dependents[step.id as String] ?: [], plan.steps as List)
        }
        if (!ready.isEmpty()) {
            runFrom(ready)
        }
    }

    private Map conclude(List<Map> outcomes, int mergeExit) {
        Map verdict = Verdict.decide(plan.pipeline as String, outcomes, options.gateFailure)
        script.echo(verdict.summary as String)
        if (verdict.result == 'FAILURE') {
            script.error(verdict.message as String)
        }
        if (mergeExit > 1) {
            script.error("Baton ${plan.pipeline}: could not write the reports ('baton merge' exited ${mergeExit}); see the messages above")
        }
        if (verdict.result == 'UNSTABLE') {
            script.unstable(verdict.message as String)
        }
        Map statuses = [:]
        for (int i = 0; i < outcomes.size(); i++) {
            statuses[outcomes[i].id] = outcomes[i].status
        }
        return [pipeline: plan.pipeline, result: verdict.result, steps: statuses, reportDir: options.reportDir]
    }
}
