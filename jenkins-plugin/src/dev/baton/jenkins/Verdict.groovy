package dev.baton.jenkins

/**
 * Turns the step outcomes into the build result: a failed step fails the build and is named; a
 * failed metric gate makes it UNSTABLE (or what gateFailure says); continueOnError steps and steps
 * skipped because of them change nothing.
 */
class Verdict implements Serializable {
    private static final long serialVersionUID = 1L

    /** [result: SUCCESS|UNSTABLE|FAILURE, message: for the build, summary: one line, counts]. */
    @NonCPS
    static Map decide(String pipeline, List<Map> outcomes, String gateFailure) {
        List<Map> failed = []
        List<Map> gates = []
        Map<String, Integer> counts = [:]
        for (Map o : outcomes) {
            counts[o.status as String] = (counts[o.status as String] ?: 0) + 1
            if (o.passed || o.status == 'SKIPPED') {
                continue
            }
            (o.gateFailed ? gates : failed) << o
        }
        String result = 'SUCCESS'
        String message = ''
        if (!gates.isEmpty() && gateFailure != 'SUCCESS') {
            result = gateFailure
            message = describe(pipeline, gates, 'failed its metric gates', 'failed their metric gates')
        }
        if (!failed.isEmpty()) {
            result = 'FAILURE'
            message = describe(pipeline, failed, 'failed', 'failed')
        }
        List<String> parts = []
        for (String status : counts.keySet()) {
            parts << "${counts[status]} ${status.toLowerCase()}".toString()
        }
        String summary = "Baton ${pipeline}: ${outcomes.size()} step(s)${parts ? ': ' + parts.join(', ') : ''}".toString()
        return [result: result, message: message, summary: summary, counts: counts]
    }

    @NonCPS
    private static String describe(String pipeline, List<Map> steps, String one, String many) {
        if (steps.size() == 1) {
            Map o = steps[0]
            return "Baton ${pipeline}: step ${o.id} ${one} (${o.status}${o.message ? ': ' + o.message : ''})".toString()
        }
        List<String> names = []
        for (Map o : steps) {
            names << "${o.id} (${o.status}${o.message ? ': ' + o.message : ''})".toString()
        }
        return "Baton ${pipeline}: steps ${many}: ${names.join('; ')}".toString()
    }
}
