package dev.baton.jenkins

/**
 * One planned step or one cell of a dynamic step, started once every step it needs has ended
 * ({@link BatonRun#runFrom}, {@link DynamicStep}): runs on an agent whose labels match, with its
 * GPUs locked, through {@code baton step}, and stashes its run record. A step whose {@code when}
 * calls a status function runs whatever its needs ended as, and {@code baton step} decides its
 * {@code when} from the records of every step above it. Every path ends with the step's outcome
 * recorded, so its dependents always start.
 */
class StepBranch implements Serializable {
    private static final long serialVersionUID = 1L
    static final String GPU_LOCK_VARIABLE = 'BATON_GPU_LOCK'

    private final script
    private final BatonRun parent
    private final Map step
    /** Names this step's directories and stashes: the plan index, and the cell's for a cell. */
    private final String slot
    /** The build was aborted before this cleanup step started: its cancelled() holds. */
    private final boolean afterAbort
    private int exitCode = -1
    /** The report directories of this step's needs, unstashed here for {@code baton step --needs-records}. */
    private List<String> needsRecords = []

    StepBranch(def script, BatonRun parent, Map step, String slot, boolean afterAbort) {
        this.script = script
        this.parent = parent
        this.step = step
        this.slot = slot
        this.afterAbort = afterAbort
    }

    void run() {
        StepStates states = parent.states
        // A step on a status function runs after any end of its needs; baton step decides its when.
        Map blocking = PlanJson.onStatus(step) ? null : states.blocking(step.needs as List)
        try {
            if (step.skipped) {
                finish(StepOutcome.skipped(step, (step.skipReason ?: 'ruled out by when') as String))
            } else if (blocking != null) {
                finish(StepOutcome.skipped(step, StepStates.blockedMessage(blocking)))
            } else {
                withConcurrencyLimit { script.node(GpuLocks.nodeLabel(PlanJson.label(step), PlanJson.gpus(step))) { onAgent() } }
            }
        } catch (Throwable t) {
            if (isInterruption(t)) {
                if (states.outcome(step.id as String) == null) {
                    finish(StepOutcome.cancelled(step, afterAbort ? 'stopped: its time after the abort ran out'
                                                                  : 'stopped: the build was aborted'))
                }
                throw t
            }
            finish(StepOutcome.failed(step, t.message ?: t.toString()))
        } finally {
            if (states.outcome(step.id as String) == null) {
                finish(StepOutcome.failed(step, 'ended without an outcome (aborted?)'))
            }
        }
    }

    /**
     * Records the step's outcome; a step that ran on a status function first notes the trouble
     * above it, so that its own dependents, which need everything above to have succeeded, skip.
     */
    private void finish(Map outcome) {
        if (PlanJson.onStatus(step)) {
            outcome.troubleAbove = parent.states.troubleAbove(PlanJson.ancestors(parent.plan, PlanJson.planId(step)))
        }
        parent.states.finish(outcome)
    }

    private void withConcurrencyLimit(Closure body) {
        Map concurrency = step.concurrency instanceof Map ? (Map) step.concurrency : null
        if (concurrency == null || !concurrency.group) {
            body()
        } else if (concurrency.limit == null || (concurrency.limit as int) <= 1) {
            script.lock(resource: "baton-${concurrency.group}".toString()) { body() }
        } else {
            script.lock(label: "baton-${concurrency.group}".toString(), quantity: 1) { body() }
        }
    }

    private void onAgent() {
        try {
            runOnAgent()
        } finally {
            // What dependents and reports need is stashed by now; nothing here outlives the step.
            parent.cleanUp()
        }
    }

    private void runOnAgent() {
        if (parent.options.checkout) {
            script.checkout(script.scm)
        }
        String nodeName = script.env.NODE_NAME
        parent.cli.install()
        receiveCarriedFiles()
        needsRecords = receiveNeedRecords()
        String runDir = parent.stepDir(slot)
        if (parent.options.carry == 'changed') {
            parent.cli.carry(['mark', parent.carryPath(slot, 'before'), parent.options.reportDir],
                             "baton: list the files before ${step.id}")
        }
        int gpus = PlanJson.gpus(step)
        String lockLabel = GpuLocks.label(nodeName, script.env.BATON_GPU_LOCK_LABEL as String)
        if (gpus > 0 && lockLabel == GpuLocks.NO_LOCK) {
            String own = GpuLocks.firstIndices(gpus)
            script.echo("Baton: ${step.id} on ${nodeName} with its own GPUs ${own} (BATON_GPU_LOCK_LABEL=none)")
            script.withEnv(["CUDA_VISIBLE_DEVICES=${own}"]) {
                exitCode = runStep(runDir, nodeName, own)
            }
        } else if (gpus > 0) {
            script.lock(label: lockLabel, quantity: gpus, variable: GPU_LOCK_VARIABLE) {
                String locked = script.env.BATON_GPU_LOCK
                String indices = GpuLocks.indices(locked)
                if (indices == null) {
                    script.error("Baton: lockable resources ${locked} do not end in a GPU index; name them "
                                 + "<lock label>-<index>, e.g. ${lockLabel}-0 (docs/jenkins.md)")
                }
                script.echo("Baton: ${step.id} on ${nodeName} with GPUs ${indices} (${locked})")
                script.withEnv(["CUDA_VISIBLE_DEVICES=${indices}"]) {
                    exitCode = runStep(runDir, nodeName, indices)
                }
            }
        } else {
            exitCode = runStep(runDir, nodeName, null)
        }
        finishOnAgent(runDir)
    }

    private int runStep(String runDir, String nodeName, String gpuIndices) {
        List<String> args = ['step', parent.options.file, step.id as String] + parent.cli.paramArgs()
        args += ['--report-dir', runDir, '--agent', nodeName, '--run-id', parent.runId]
        if (gpuIndices != null) {
            args += ['--gpus', gpuIndices]
        }
        if (!needsRecords.isEmpty()) {
            args += ['--needs-records', needsRecords.join(',')]
        }
        if (afterAbort) {
            args << '--run-cancelled'
        }
        return parent.cli.run(args, "baton step ${step.id}".toString())
    }

    private void finishOnAgent(String runDir) {
        String record = "${runDir}/run.json"
        String runJson = script.fileExists(record) ? script.readFile(record) : null
        Map outcome = StepOutcome.fromRun(step, exitCode, runJson)
        if (runJson != null) {
            outcome.runDir = runDir
            outcome.stash = parent.stashName('run', slot)
            script.stash(name: outcome.stash, includes: "${runDir}/**", allowEmpty: true)
        }
        if (outcome.passed) {
            sendCarriedFiles(outcome)
        }
        finish(outcome)
    }

    /**
     * Stashes what dependents on other agents need: with carry 'changed', the step's declared
     * outputs when it has any, else the files it wrote; with Ant patterns, those files; with
     * 'none', nothing.
     */
    private void sendCarriedFiles(Map outcome) {
        String carry = parent.options.carry
        if (carry == 'none') {
            return
        }
        String patterns = carry == 'changed' ? PlanJson.outputPatterns(step, parent.options.file) : carry
        if (patterns != null) {
            outcome.carryStash = parent.stashName('carry', slot)
            script.stash(name: outcome.carryStash, includes: patterns, excludes: '.baton/**', allowEmpty: true)
        } else {
            String archive = parent.carryPath(slot, 'tar')
            parent.cli.carry(['pack', parent.carryPath(slot, 'before'), archive, parent.options.reportDir],
                             "baton: pack files made by ${step.id}")
            outcome.carryStash = parent.stashName('carry', slot)
            outcome.carryArchive = archive
            script.stash(name: outcome.carryStash, includes: archive)
        }
    }

    /** Files carried from the steps this one depends on, directly or not, in plan order. */
    private void receiveCarriedFiles() {
        List<String> ancestors = PlanJson.ancestors(parent.plan, PlanJson.planId(step))
        for (int i = 0; i < ancestors.size(); i++) {
            Map ended = parent.states.outcome(ancestors[i])
            List<Map> parts = ended == null ? [] : parent.states.parts(ended)
            for (int j = 0; j < parts.size(); j++) {
                Map outcome = parts[j]
                if (outcome.carryStash) {
                    script.unstash(outcome.carryStash as String)
                    if (outcome.carryArchive) {
                        parent.cli.carry(['unpack', outcome.carryArchive as String], "baton: unpack files of ${outcome.id}")
                    }
                }
            }
        }
    }

    /**
     * The run records of the steps this one needs (their stashed report directories, with the outputs
     * they wrote to $BATON_OUTPUT; a dynamic need's cells), unstashed on this agent for {@code baton
     * step --needs-records}: so {@code needs.<step>.outputs} resolve here. A step on a status function
     * gets those of every step above it: its failure() is true when any of them failed.
     */
    private List<String> receiveNeedRecords() {
        List<String> ids = PlanJson.onStatus(step) ? PlanJson.ancestors(parent.plan, PlanJson.planId(step))
                                                    : (List<String>) ((step.needs ?: []) as List)
        return NeedRecords.receive(script, parent, ids, '')
    }

    /** An aborted build must stop, not be recorded as one failed step. */
    @NonCPS
    static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t.getClass().getName().endsWith('FlowInterruptedException')
    }
}
