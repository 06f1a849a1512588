import dev.baton.jenkins.BatonRun

/*
 * batonValidate file: 'baton.yaml', params: [:], only: [], reportDir: 'baton-reports'
 *
 * Runs the validate steps of a Baton descriptor, and the steps they need, exactly as baton does:
 * each on an agent whose labels match, with its GPUs locked, and publishes the reports.
 * Help: vars/batonValidate.txt. Takes the same arguments as baton.
 */
def call(Map args = [:]) {
    return new BatonRun(this, args, 'validate').run()
}
