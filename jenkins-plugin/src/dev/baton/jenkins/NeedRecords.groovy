package dev.baton.jenkins

/**
 * Brings the run records of steps that ended elsewhere to the current agent, for {@code baton step
 * --needs-records} and {@code baton plan --expand}: each record is unstashed from where its step
 * ran; a dynamic step gives its cells' records; a step that has none (skipped, cancelled, or failed
 * before {@code baton step} wrote one) gets one written here, so the core reads how it ended.
 */
class NeedRecords implements Serializable {
    private static final long serialVersionUID = 1L

    /**
     * The records of the steps {@code ids} (those that ended), placed under {@code base} ('' for
     * the workspace itself); their directories relative to the workspace.
     */
    static List<String> receive(def script, BatonRun parent, List<String> ids, String base) {
        List<String> dirs = []
        for (int i = 0; i < ids.size(); i++) {
            Map outcome = parent.states.outcome(ids[i])
            if (outcome == null) {
                continue
            }
            List<Map> parts = parent.states.parts(outcome)
            for (int j = 0; j < parts.size(); j++) {
                dirs << receiveOne(script, parent, parts[j], base)
            }
        }
        return dirs
    }

    private static String receiveOne(def script, BatonRun parent, Map outcome, String base) {
        String prefix = base ? base + '/' : ''
        if (outcome.stash) {
            if (base) {
                script.dir(base) {
                    script.unstash(outcome.stash as String)
                }
            } else {
                script.unstash(outcome.stash as String)
            }
            return prefix + outcome.runDir
        }
        String dir = "${parent.workDir()}/unrun/${Keys.safe(outcome.id as String)}".toString()
        script.writeFile(file: "${prefix}${dir}/run.json".toString(),
                         text: StepOutcome.runJsonFor(outcome, parent.plan, parent.runId))
        return prefix + dir
    }
}
