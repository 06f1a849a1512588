import dev.baton.jenkins.BatonRun

/*
 * def plan = batonPlan file: 'baton.yaml', params: [:], only: []
 *
 * Returns the plan of a Baton descriptor as a map, without running anything:
 * [pipeline:, descriptor:, params:, steps: [[id:, step:, kind:, needs:, agent: [label:, gpus:], ...]]],
 * steps in an order that respects needs. Plans on the current agent inside node { },
 * else on one labelled label: (default: any). Help: vars/batonPlan.txt.
 */
def call(Map args = [:]) {
    return new BatonRun(this, args, null).planOnly()
}
