import dev.baton.jenkins.BatonRun

/*
 * baton file: 'baton.yaml', params: [dataset: 'data/churn.csv'], only: ['train'], reportDir: 'baton-reports'
 *
 * Runs every step of a Baton descriptor on Jenkins agents whose labels match the step's label
 * expression, locks the GPUs it asks for (Lockable Resources), and publishes the reports.
 * Fails the build naming the failed step; a failed metric gate makes it UNSTABLE.
 * Help: vars/baton.txt. Returns [pipeline:, result:, steps: [id: status], reportDir:].
 */
def call(Map args = [:]) {
    return new BatonRun(this, args, null).run()
}
