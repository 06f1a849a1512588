package dev.baton.jenkins

import groovy.json.JsonOutput

/**
 * How one planned step ended, as a plain map (Jenkins saves it with the program): id, status (as
 * in run.json), message, agent, gpus, exitCode, gateFailed (failed only on its metric gates),
 * passed (dependents may run), runDir/stash (where its run record is), for a dynamic step the ids
 * of its cells, and for a step that ran on a status function the trouble above it (the first step
 * above that did not end well), which its own dependents inherit.
 */
class StepOutcome implements Serializable {
    private static final long serialVersionUID = 1L
    static final List<String> SUCCESSFUL = ['SUCCEEDED', 'CACHED']

    /** The outcome of {@code baton step} from the run.json it wrote (or null if it wrote none). */
    @NonCPS
    static Map fromRun(Map step, int exitCode, String runJson) {
        Object run = runJson == null ? null : PlanJson.read(runJson)
        Map record = run instanceof Map ? stepRecord((Map) run, step.id as String) : null
        if (record == null) {
            String why = exitCode == 0 ? 'wrote no run record' : "exited with code ${exitCode}${meaning(exitCode)}"
            return outcome(step, 'FAILED', "baton step ${why}; see the console log of branch ${step.id}".toString(), exitCode, false)
        }
        String status = String.valueOf(record.status)
        String message = record.message ? String.valueOf(record.message) : ''
        Map o = outcome(step, status, message, exitCode, !SUCCESSFUL.contains(status) && failedOnGates(record))
        o.agent = record.agent
        o.gpus = record.gpus instanceof List ? record.gpus : []
        return o
    }

    @NonCPS
    static Map skipped(Map step, String reason) {
        return outcome(step, 'SKIPPED', reason, null, false)
    }

    @NonCPS
    static Map failed(Map step, String message) {
        return outcome(step, 'FAILED', message, null, false)
    }

    @NonCPS
    static Map cancelled(Map step, String message) {
        return outcome(step, 'CANCELLED', message, null, false)
    }

    /**
     * A dynamic step that ran its cells: passed when every cell did; otherwise it ended as its
     * first cell that did not pass, which is named.
     */
    @NonCPS
    static Map ofCells(Map step, List<Map> cells) {
        Map first = null
        for (Map cell : cells) {
            if (!cell.passed && first == null) {
                first = cell
            }
        }
        Map o = first == null
                ? outcome(step, 'SUCCEEDED', "expanded into ${cells.size()} cell(s)".toString(), null, false)
                : outcome(step, first.status as String, "cell ${first.id} ended ${first.status}${first.message ? ': ' + first.message : ''}".toString(), null, false)
        List<String> ids = []
        for (Map cell : cells) {
            ids << (cell.id as String)
        }
        o.cells = ids
        return o
    }

    @NonCPS
    private static Map outcome(Map step, String status, String message, Integer exitCode, boolean gateFailed) {
        boolean ok = SUCCESSFUL.contains(status)
        boolean tolerated = !ok && step.continueOnError == true && status != 'SKIPPED'
        return [id: step.id as String, step: step.step, kind: step.kind, status: status, message: message,
                exitCode: exitCode, gateFailed: gateFailed, tolerated: tolerated,
                passed: ok || tolerated, agent: null, gpus: [], runDir: null, stash: null,
                matrix: step.matrix ?: [:], needs: step.needs ?: [], command: step.command,
                dynamic: dynamicOf(step), cells: null, troubleAbove: null]
    }

    /** run.json's {@code dynamic} for a cell of a dynamic step or the step itself; else null. */
    @NonCPS
    private static Map dynamicOf(Map step) {
        if (step.dynamic instanceof Map) {
            return (Map) step.dynamic
        }
        if (step.expansion instanceof Map) {
            return [step: step.id, index: -1, cells: 0, axes: ((Map) step.expansion).axes ?: [:]]
        }
        return null
    }

    /**
     * A run record for a step that has none (skipped, cancelled, or never got to run), so that
     * the merged reports list every planned step and a dependent that runs on a status function
     * reads how it ended.
     */
    @NonCPS
    static String runJsonFor(Map outcome, Map plan, String runId) {
        Map record = [id: outcome.id, step: outcome.step, kind: outcome.kind, status: outcome.status,
                      matrix: outcome.matrix ?: [:], needs: outcome.needs ?: [], command: outcome.command,
                      agent: null, gpus: [], attempts: [], log: null, message: outcome.message,
                      logTail: [], results: [:], allowedToFail: outcome.tolerated == true]
        if (outcome.dynamic != null) {
            record.dynamic = outcome.dynamic
        }
        Map run = [schemaVersion: 1, runId: runId, pipeline: plan.pipeline,
                   status: outcome.status == 'SKIPPED' ? 'SUCCEEDED' : outcome.status == 'CANCELLED' ? 'CANCELLED' : 'FAILED',
                   descriptor: plan.descriptor, executor: 'jenkins', params: plan.params ?: [:],
                   agents: [], steps: [record]]
        return JsonOutput.toJson(run)
    }

    @NonCPS
    private static Map stepRecord(Map run, String id) {
        if (!(run.steps instanceof List)) {
            return null
        }
        for (Object s : (List) run.steps) {
            if (s instanceof Map && ((Map) s).id == id) {
                return (Map) s
            }
        }
        return null
    }

    /** Whether the step ran to the end and failed because a metric gate did not hold. */
    @NonCPS
    static boolean failedOnGates(Map record) {
        Object results = record.results
        if (!(results instanceof Map) || !(((Map) results).gates instanceof List)) {
            return false
        }
        boolean anyFailed = false
        for (Object gate : (List) ((Map) results).gates) {
            if (gate instanceof Map && (((Map) gate).passed == false || String.valueOf(((Map) gate).status) in ['FAILED', 'FAIL'])) {
                anyFailed = true
            }
        }
        return anyFailed
    }

    @NonCPS
    private static String meaning(int exitCode) {
        switch (exitCode) {
            case 1: return ' (the step failed)'
            case 2: return ' (bad descriptor or usage)'
            case 3: return ' (infrastructure)'
            case 127: return ' (command not found: is Java or the Baton CLI on the agent?)'
            default: return ''
        }
    }
}
