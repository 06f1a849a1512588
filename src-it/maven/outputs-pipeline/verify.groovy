// mvn baton:run ran the outputs pipeline: each step's $BATON_OUTPUT values are in run.json, and
// the steps that read needs.<step>.outputs got them (pick: the matrix cells' values in cell order).
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def run = new JsonSlurper().parse(new File(basedir, 'target/baton/run.json'))
assert run.status == 'SUCCEEDED' : "run ${run.status}: ${run.steps.collect { it.id + ' ' + it.status + ' ' + it.message }}"
def steps = run.steps.collectEntries { [(it.id): it] }
assert steps.keySet() == ['gen', 'train[lr=0.1]', 'train[lr=0.01]', 'train[lr=0.001]', 'pick', 'report', 'release'] as Set
assert steps.values().every { it.status == 'SUCCEEDED' }
assert steps.gen.outputs == [lrs: '[0.1,0.01,0.001]', notes: 'first line\nsecond line']
assert steps['train[lr=0.1]'].outputs.acc == '0.71'
assert steps['train[lr=0.01]'].outputs.acc == '0.93'
assert steps['train[lr=0.001]'].outputs.acc == '0.88'
assert steps.pick.outputs == [all: '0.71 0.93 0.88', best: '0.93']
assert steps.report.outputs.printed == 'best accuracy 0.93'
assert log.contains('[report] best accuracy 0.93 of [0.1,0.01,0.001]')
assert new File(basedir, 'notes.txt').readLines() == ['first line', 'second line']
assert new File(basedir, 'release.txt').text.trim() == '0.93'
def gates = steps.release.results.gates
assert gates.size() == 2 && gates.every { it.passed } : "release gates: ${gates}"
return true
