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

    /** The first of {@code needs} that did not let its dependents run, or null. */
    @NonCPS
    Map blocking(List needs) {
        for (Object need : needs) {
            Map outcome = outcomes.get(need)
            if (outcome != null && !outcome.passed) {
                return outcome
            }
        }
        return null
    }

    @NonCPS
    Map outcome(String id) {
        return outcomes.get(id)
    }
}
