// mvn baton:run ran the dynamic pipeline: train's cells were made from gen's output, each wrote
// its accuracy, pick read them all (in cell order) and report printed the best.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def run = new JsonSlurper().parse(new File(basedir, 'target/baton/run.json'))
assert run.status == 'SUCCEEDED' : "run ${run.status}: ${run.steps.collect { it.id + ' ' + it.status + ' ' + it.message }}"
def steps = run.steps.collectEntries { [(it.id): it] }
assert steps.keySet() == ['gen', 'train', 'train[lr=0.1]', 'train[lr=0.01]', 'train[lr=0.001]', 'pick', 'report'] as Set
assert steps.values().every { it.status == 'SUCCEEDED' } : steps.collect { k, v -> "$k ${v.status}" }
assert steps.train.message.startsWith('expanded into 3 cells')
assert steps['train[lr=0.1]'].outputs.acc == '0.71'
assert steps['train[lr=0.01]'].outputs.acc == '0.93'
assert steps['train[lr=0.001]'].outputs.acc == '0.88'
assert steps.pick.outputs.best == '0.93'
assert log.contains('[report] best accuracy 0.93')
return true
