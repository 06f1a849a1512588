// mvn verify ran every step through baton:run and wrote the reports to target/baton.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('baton.yaml is valid: pipeline passing, 3 steps') : 'baton:check did not run at validate'
['prepare', 'train[lr=0.1]', 'train[lr=0.01]', 'report'].each { id ->
  assert log.contains("[${id}] started on ") : "no start line for ${id}"
  assert log =~ /\[${java.util.regex.Pattern.quote(id)}\] SUCCEEDED in \d+\.\d s/ : "no success line for ${id}"
}
assert log.contains('[prepare] prepared the data') : 'step output is not in the build log'
assert log.contains('[train[lr=0.01]] training with lr 0.01')
assert log.contains('[report] fan-in saw 2 models') : 'the fan-in step did not see both matrix cells'
assert log.contains('BUILD SUCCESS')

def reports = new File(basedir, 'target/baton')
def run = new JsonSlurper().parse(new File(reports, 'run.json'))
assert run.status == 'SUCCEEDED'
assert run.pipeline == 'passing'
assert run.steps*.id as Set == ['prepare', 'train[lr=0.1]', 'train[lr=0.01]', 'report'] as Set
assert run.steps.every { it.status == 'SUCCEEDED' } : "not every step succeeded: ${run.steps*.status}"
def report = run.steps.find { it.id == 'report' }
assert report.needs as Set == ['train[lr=0.1]', 'train[lr=0.01]'] as Set

def junit = new File(reports, 'junit.xml')
assert junit.isFile()
assert junit.text.contains('train[lr=0.1]')
assert new File(basedir, 'out/models.txt').readLines().sort() == ['0.01', '0.1']

// baton:plan -Dbaton.format=json -Dbaton.output=... wrote the plan; plain baton:plan printed it.
def plan = new JsonSlurper().parse(new File(basedir, 'target/plan.json'))
assert plan.pipeline == 'passing'
assert plan.steps*.id == ['prepare', 'train[lr=0.1]', 'train[lr=0.01]', 'report']
assert log.contains('Plan written to ')
assert log.contains('[INFO] passing: 4 steps')
assert log.contains('report  <- train[lr=0.1], train[lr=0.01]')

// baton:check ran in a folder without pom.xml (requiresProject = false)
assert log =~ /standalone.baton\.yaml is valid: pipeline standalone, 1 step \(hello\)/
return true
