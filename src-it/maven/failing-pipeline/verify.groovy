// A step that exits 3 fails the build; the message names it, its log, and the skipped dependent.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('[train] about to fail') : 'the failing step output is not in the build log'
assert log.contains('Pipeline failing FAILED: 1 of 3 steps did not succeed')
assert log.contains('[train] FAILED: exit code 3') : 'the failure does not name the step and its exit code'
def stepLog = new File(basedir, 'target/baton/logs/train.log')
assert log.contains(stepLog.canonicalPath) || log.contains(stepLog.absolutePath) : 'the failure does not name the step log'
assert stepLog.text.contains('about to fail')
assert log.contains('-Dbaton.only=train')
// A build failure the user caused: no Java stack trace in the log.
assert !log.contains('\tat dev.baton') : 'the build log shows a stack trace'

def run = new JsonSlurper().parse(new File(basedir, 'target/baton/run.json'))
assert run.status == 'FAILED'
def status = run.steps.collectEntries { [(it.id): it.status] }
assert status == [prepare: 'SUCCEEDED', train: 'FAILED', publish: 'SKIPPED']
assert !new File(basedir, 'published.txt').exists()
return true
