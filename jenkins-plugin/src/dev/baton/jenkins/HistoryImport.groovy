package dev.baton.jenkins

/**
 * Adds the build's merged run to the team's history store ({@code baton history import}) when the
 * build's environment sets {@code BATON_HISTORY_URL} (docs/history.md, docs/jenkins.md). A store
 * that cannot take it never fails the build: one warning line says why, and the run directory
 * stays among the build's artifacts, to be imported later.
 */
class HistoryImport implements Serializable {
    private static final long serialVersionUID = 1L
    static final String URL_VARIABLE = 'BATON_HISTORY_URL'

    private final script
    private final BatonCli cli
    /** Where the command's output goes: this call's own directory, which is deleted afterwards. */
    private final String workDir

    HistoryImport(def script, BatonCli cli, String workDir) {
        this.script = script
        this.cli = cli
        this.workDir = workDir
    }

    /** Imports {@code reportDir} (holding the merged run.json) when a store is named. */
    void add(String reportDir) {
        String url = script.env.BATON_HISTORY_URL as String
        if (!wanted(url) || !script.fileExists("${reportDir}/run.json")) {
            return
        }
        String output = "${workDir}/history-import.txt".toString()
        int exit
        String said = ''
        try {
            exit = cli.runQuietly(['history', 'import', reportDir], output, 'baton: add the run to the history store')
            said = script.fileExists(output) ? script.readFile(output) as String : ''
        } catch (Exception e) {
            exit = -1
            said = e.message
        }
        if (exit == 0) {
            script.echo("Baton: the run was added to the history store (${URL_VARIABLE})")
        } else {
            script.echo(warning(said, reportDir))
        }
    }

    /** Whether {@code url} names a store: set, not blank, not {@code off}. */
    @NonCPS
    static boolean wanted(String url) {
        return url != null && url != 'null' && !url.trim().isEmpty() && !url.trim().equalsIgnoreCase('off')
    }

    /** The one line a failed import leaves in the build log: the CLI's reason, and what to do. */
    @NonCPS
    static String warning(String said, String reportDir) {
        String reason = ''
        for (String line : (said ?: '').readLines()) {
            String l = line.trim()
            if (l.startsWith('baton: error: ')) {
                reason = l.substring('baton: error: '.length())
                break
            }
            if (!reason && l) {
                reason = l
            }
        }
        return "Baton: warning: the run was not added to the history store (${URL_VARIABLE})" +
            (reason ? ": ${reason}" : '') +
            "; the build goes on, and 'baton history import ${reportDir}' adds it later from the archived reports"
    }
}
