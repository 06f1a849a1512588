package dev.baton.jenkins

/** Names derived from the build (run id, directory and stash keys) and the plan failure message. */
class Keys implements Serializable {
    private static final long serialVersionUID = 1L

    /** Letters, digits, dot, dash and underscore only: safe in paths and stash names. */
    @NonCPS
    static String safe(String text) {
        return String.valueOf(text).replaceAll('[^A-Za-z0-9._-]+', '-')
    }

    /** Unique for each baton call in a build, so two calls never share stashes or directories. */
    @NonCPS
    static String callKey(String buildTag, String kind) {
        String random = UUID.randomUUID().toString().substring(0, 8)
        return safe((buildTag ?: 'jenkins') + (kind ? '-' + kind : '') + '-' + random)
    }

    @NonCPS
    static String planFailure(String file, int exit) {
        switch (exit) {
            case 2: return "Baton: cannot plan ${file}: see the error above; fix the descriptor or the step's arguments".toString()
            case 3: return "Baton: could not plan ${file} (infrastructure error, listed above)".toString()
            case 127: return 'Baton: the Baton CLI could not be started on this agent; install Java there, ' +
                             'or see "How the CLI reaches the agents" in docs/jenkins.md'
            default: return "Baton: 'baton plan ${file}' exited with code ${exit}; see the messages above".toString()
        }
    }
}
