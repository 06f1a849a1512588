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
            args << runDirOf(outcomes[i], parent.plan.steps[i] as Map, i)
        }
        if (args.size() > 5) {
            exit = parent.cli.run(args, 'baton merge')
        } else {
            script.echo('Baton: no step ran, so there is no report to write')
            exit = 0
        }
        script.junit(testResults: "${reportDir}/junit.xml", allowEmptyResults: true, skipMarkingBuildUnstable: true)
        script.archiveArtifacts(artifacts: "${reportDir}/**", allowEmptyArchive: true)
        publishHtml(reportDir)
        return exit
    }

    /** The step's stashed run record here, or one written for a step that has none. */
    private String runDirOf(Map outcome, Map step, int index) {
        if (outcome.stash) {
            script.unstash(outcome.stash as String)
            return outcome.runDir as String
        }
        String dir = "${parent.workDir()}/unrun/${String.format('%03d', index)}".toString()
        script.writeFile(file: "${dir}/run.json", text: StepOutcome.runJsonFor(outcome, step, parent.plan, parent.runId))
        return dir
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
