package dev.baton.jenkins

/**
 * Brings the stashed run records of every step to one agent, merges them with {@code baton merge}
 * into run.json, junit.xml, summary.md and report.html, and publishes them on the build: {@code
 * junit}, {@code archiveArtifacts}, and {@code publishHTML} when the HTML Publisher plugin is there.
 */
class ReportPublisher implements Serializable {
    private static final long serialVersionUID = 1L

    private final script
    private final BatonRun parent

    ReportPublisher(def script, BatonRun parent) {
        this.script = script
        this.parent = parent
    }

    /** Returns the exit code of {@code baton merge} (0: all passed, 1: some step failed). */
    int publish(List<Map> outcomes) {
        String reportDir = parent.options.reportDir
        int exit = -1
        parent.onPlanningAgent {
            try {
                exit = mergeAndPublish(outcomes, reportDir)
            } finally {
                // The merged reports in reportDir hold the records and logs; the copies go.
                parent.cleanUp()
            }
        }
        return exit
    }

    private int mergeAndPublish(List<Map> outcomes, String reportDir) {
        int exit = -1
        parent.cli.install()
        script.sh(script: "rm -rf ${Shell.quote(reportDir)}", label: 'baton: clear old reports')
        List<String> args = ['merge', '--out', reportDir, '--pipeline', parent.plan.pipeline as String]
        for (int i = 0; i < outcomes.size(); i++) {
            args << runDirOf(outcomes[i], i)
        }
        if (args.size() > 5) {
            exit = parent.cli.run(args, 'baton merge')
        } else {
            script.echo('Baton: no step ran, so there is no report to write')
            exit = 0
        }
        if (exit == 0 || exit == 1) {
            summarize(reportDir)
            new HistoryImport(script, parent.cli, parent.workDir()).add(reportDir)
        }
        script.junit(testResults: "${reportDir}/junit.xml", allowEmptyResults: true, skipMarkingBuildUnstable: true)
        script.archiveArtifacts(artifacts: "${reportDir}/**", allowEmptyArchive: true)
        publishHtml(reportDir)
        return exit
    }

    /** The step's stashed run record here, or one written for a step that has none. */
    private String runDirOf(Map outcome, int index) {
        if (outcome.stash) {
            script.unstash(outcome.stash as String)
            return outcome.runDir as String
        }
        String dir = "${parent.workDir()}/unrun/${String.format('%04d', index)}".toString()
        script.writeFile(file: "${dir}/run.json", text: StepOutcome.runJsonFor(outcome, parent.plan, parent.runId))
        return dir
    }

    /**
     * What each step used and the core's right-sizing advice ({@code baton advise} over the merged
     * record), added to the build's description (the summary Jenkins shows on the build's page and
     * in its history) and written to usage.txt among the reports.
     */
    private void summarize(String reportDir) {
        String adviceFile = "${parent.workDir()}/advice.txt".toString()
        int exit = parent.cli.runTo(['advise', reportDir], adviceFile, 'baton advise')
        String advice = exit == 0 && script.fileExists(adviceFile) ? script.readFile(adviceFile) as String : ''
        String text = UsageSummary.describe(parent.plan.pipeline as String, script.readFile("${reportDir}/run.json") as String, advice)
        if (!text) {
            return
        }
        script.writeFile(file: "${reportDir}/usage.txt", text: text + '\n')
        script.echo(text)
        String before = script.currentBuild.description as String
        script.currentBuild.description = before && before != 'null' ? before + '\n' + text : text
    }

    private void publishHtml(String reportDir) {
        String name = "Baton ${parent.plan.pipeline}${parent.options.kind ? ' ' + parent.options.kind : ''}".toString()
        try {
            script.publishHTML(target: [reportDir: reportDir, reportFiles: 'report.html', reportName: name,
                                        keepAll: true, alwaysLinkToLastBuild: true, allowMissing: true])
        } catch (NoSuchMethodError notInstalled) {
            script.echo("Baton: the HTML Publisher plugin is not installed; "
                        + "report.html is among the build's artifacts (${reportDir}/report.html)")
        }
    }
}
