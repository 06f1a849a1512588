package dev.baton.jenkins

import java.util.concurrent.ConcurrentHashMap

/**
 * How each planned step ended, shared by the parallel branches: a branch waits until the steps it
 * needs are recorded here. A concurrent map because branches may really run on several threads.
 */
class StepStates implements Serializable {
    private static final long serialVersionUID = 1L
    private final Map<String, Map> outcomes = new ConcurrentHashMap<String, Map>()

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
