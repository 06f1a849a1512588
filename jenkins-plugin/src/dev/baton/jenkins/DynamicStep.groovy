package dev.baton.jenkins

/**
 * A dynamic step: its matrix reads its needs' outputs ({@code fromJSON(needs.gen.outputs.lrs)}),
 * so the plan holds it as one pending entry. Once its needs have ended, the core makes its cells
 * from their run records ({@code baton plan --expand}, on the planning agent); each cell then runs
 * as a branch of a nested parallel, as any planned step ({@link StepBranch}: label, GPUs, locks).
 * The step ends when all its cells have: its dependents wait for them all and read their records.
 * An expansion that failed fails the step with the core's message; one with no cells skips it.
 */
class DynamicStep implements Serializable {
    private static final long serialVersionUID = 1L

    private final script
    private final BatonRun parent
    private final Map step
    private final int index

    DynamicStep(def script, BatonRun parent, Map step, int index) {
        this.script = script
        this.parent = parent
        this.step = step
        this.index = index
    }

    void run() {
        StepStates states = parent.states
        Map blocking = states.blocking(step.needs as List)
        try {
            if (step.skipped) {
                states.finish(StepOutcome.skipped(step, (step.skipReason ?: 'ruled out by when') as String))
            } else if (blocking != null) {
                states.finish(StepOutcome.skipped(step, StepStates.blockedMessage(blocking)))
            } else {
                expandAndRun()
            }
        } catch (Throwable t) {
            if (StepBranch.isInterruption(t)) {
                if (states.outcome(step.id as String) == null) {
                    states.finish(StepOutcome.cancelled(step, 'stopped: the build was aborted'))
                }
                throw t
            }
            states.finish(StepOutcome.failed(step, t.message ?: t.toString()))
        } finally {
            if (states.outcome(step.id as String) == null) {
                states.finish(StepOutcome.failed(step, 'ended without an outcome (aborted?)'))
            }
        }
    }

    private void expandAndRun() {
        Map expanded = expand()
        Map expansion = expanded.expansion instanceof Map ? (Map) expanded.expansion : [:]
        String message = (expansion.message ?: '') as String
        switch (expansion.state) {
            case 'expanded':
                runCells(expanded.steps as List)
                break
            case 'empty':
                parent.states.finish(StepOutcome.skipped(step, message ?: 'its matrix made no cells'))
                break
            default:
                parent.states.finish(StepOutcome.failed(step, message ?: "its expansion ended ${expansion.state}".toString()))
        }
    }

    /**
     * {@code baton plan --expand} with the needs' records, on the planning agent, in a directory of
     * its own there (the planning workspace may be the caller's, shared by other expansions).
     */
    private Map expand() {
        String base = "${parent.workDir()}/expand/${BatonRun.slot(index, -1)}".toString()
        String out = "${base}/cells.json".toString()
        Map expanded = null
        parent.onPlanningAgent {
            try {
                parent.cli.install()
                List<String> records = NeedRecords.receive(script, parent, (step.needs ?: []) as List, base)
                List<String> args = ['plan', parent.options.file] + parent.cli.paramArgs()
                args += ['--format', 'json', '--expand', step.id as String]
                if (!records.isEmpty()) {
                    args += ['--needs-records', records.join(',')]
                }
                int exit = parent.cli.runTo(args, out, "baton plan --expand ${step.id}".toString())
                if (exit != 0) {
                    script.error("Baton: could not make the cells of ${step.id}: 'baton plan --expand' exited ${exit}; see the messages above")
                }
                expanded = PlanJson.parse(script.readFile(out) as String)
            } finally {
                script.dir(base) {
                    script.deleteDir()
                }
            }
        }
        if (expanded == null) {
            script.error("Baton: 'baton plan --expand ${step.id}' printed no cells; "
                         + "check that the agent's Baton CLI is version ${parent.options.cliVersion} or newer")
        }
        return expanded
    }

    /** Runs the cells as one nested parallel; the step ends as its cells did. */
    private void runCells(List cells) {
        script.echo("Baton: ${step.id} expanded into ${cells.size()} cell(s)")
        Map branches = [:]
        for (int i = 0; i < cells.size(); i++) {
            Map cell = cells[i] as Map
            String slot = BatonRun.slot(index, i)
            branches[cell.id as String] = { -> new StepBranch(script, parent, cell, slot, false).run() }
        }
        List<Map> ended = []
        try {
            script.parallel(branches)
        } finally {
            for (int i = 0; i < cells.size(); i++) {
                Map cell = cells[i] as Map
                Map outcome = parent.states.outcome(cell.id as String)
                if (outcome == null) {
                    outcome = StepOutcome.cancelled(cell, 'never started: the build was aborted')
                    parent.states.finish(outcome)
                }
                ended << outcome
            }
            parent.states.finish(StepOutcome.ofCells(step, ended))
        }
    }
}
