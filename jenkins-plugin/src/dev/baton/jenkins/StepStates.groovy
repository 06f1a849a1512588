package dev.baton.jenkins

import java.util.concurrent.ConcurrentHashMap

/**
 * How each planned step ended, shared by the parallel branches, and which steps have been started:
 * the branch of the last need to end starts a step, so nothing polls. Synchronized because the
 * branches of the plain-Groovy tests run on threads (Jenkins runs them on one CPS thread).
 */
class StepStates implements Serializable {
    private static final long serialVersionUID = 1L
    private final Map<String, Map> outcomes = new ConcurrentHashMap<String, Map>()
    private final Set<String> started = new HashSet<String>()

    /**
     * The steps among {@code candidates} (plan steps) whose needs have all ended and that nobody
     * started yet, now marked started: each is returned to exactly one caller.
     */
    @NonCPS
    List<Integer> claimReady(List<Integer> candidates, List steps) {
        List<Integer> ready = []
        synchronized (started) {
            for (Integer index : candidates) {
                Map step = (Map) steps[index]
                if (allFinished(step.needs as List) && started.add(step.id as String)) {
                    ready << index
                }
            }
        }
        return ready
    }

    @NonCPS
    void finish(Map outcome) {
        outcomes.put(outcome.id as String, outcome)
    }

    @NonCPS
    boolean allFinished(List needs) {
        for (Object need : needs) {
            if (!outcomes.containsKey(need)) {
                return false
            }
        }
        return true
    }

    /**
     * The first of {@code needs} that did not let its dependents run, or null: a need that did
     * not pass (for a dynamic step, its first cell that did not), or, through a need that ran on
     * a status function ({@code always()} after a failure), the step above it that did not end
     * well; then {@code through} names the need.
     */
    @NonCPS
    Map blocking(List needs) {
        for (Object need : needs) {
            Map outcome = outcomes.get(need)
            if (outcome == null) {
                continue
            }
            if (!outcome.passed) {
                return firstFailedCell(outcome)
            }
            if (outcome.troubleAbove instanceof Map) {
                return ((Map) outcome.troubleAbove) + [through: need]
            }
        }
        return null
    }

    /** Why a step whose needs include {@code blocking} does not run, as the core says it. */
    @NonCPS
    static String blockedMessage(Map blocking) {
        String how = blocking.status == 'SKIPPED' ? 'was skipped' : "ended ${blocking.status}"
        return "needs ${blocking.id}${blocking.through ? ' (through ' + blocking.through + ')' : ''}, which ${how}".toString()
    }

    /**
     * The first of {@code ancestors} (step ids, in plan order) that did not end well, as [id:,
     * status:], or null: what a step that ran on a status function passes on to its dependents.
     */
    @NonCPS
    Map troubleAbove(List<String> ancestors) {
        for (String id : ancestors) {
            Map outcome = outcomes.get(id)
            if (outcome != null && !outcome.passed) {
                Map cell = firstFailedCell(outcome)
                return [id: cell.id, status: cell.status]
            }
        }
        return null
    }

    @NonCPS
    private Map firstFailedCell(Map outcome) {
        if (outcome.cells instanceof List) {
            for (Object id : (List) outcome.cells) {
                Map cell = outcomes.get(id)
                if (cell != null && !cell.passed) {
                    return cell
                }
            }
        }
        return outcome
    }

    /** What a step's dependents read: a dynamic step's cells (in cell order), else the step itself. */
    @NonCPS
    List<Map> parts(Map outcome) {
        if (!(outcome.cells instanceof List)) {
            return [outcome]
        }
        List<Map> cells = []
        for (Object id : (List) outcome.cells) {
            Map cell = outcomes.get(id)
            if (cell != null) {
                cells << cell
            }
        }
        return cells
    }

    @NonCPS
    Map outcome(String id) {
        return outcomes.get(id)
    }
}
