import dev.baton.jenkins.BatonRun

/*
 * batonDeploy file: 'baton.yaml', params: [:], only: [], reportDir: 'baton-reports'
 *
 * Runs the deploy steps of a Baton descriptor, and the steps they need, exactly as baton does:
 * each on an agent whose labels match, with its GPUs locked, and publishes the reports.
 * Help: vars/batonDeploy.txt. Takes the same arguments as baton.
 */
def call(Map args = [:]) {
    return new BatonRun(this, args, 'deploy').run()
}
