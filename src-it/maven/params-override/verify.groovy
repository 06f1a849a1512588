// -Dbaton.param.greeting overrides the POM; the POM's audience overrides the descriptor's.
import groovy.json.JsonSlurper

def greeting = new File(basedir, 'target/greeting.txt')
assert greeting.isFile() : 'the step did not write its file'
assert greeting.text.trim() == 'hello-from-cli pom-audience'

def run = new JsonSlurper().parse(new File(basedir, 'target/baton/run.json'))
assert run.status == 'SUCCEEDED'
assert run.params.greeting == 'hello-from-cli'
assert run.params.audience == 'pom-audience'

// the dry run (second invocation) planned with its own greeting and ran nothing
def log = new File(basedir, 'build.log').text
assert log.contains('echo dry-run-greeting pom-audience > target/greeting.txt')
assert log.contains('Dry run: nothing ran')
assert greeting.text.trim() == 'hello-from-cli pom-audience' : 'the dry run ran the step'
return true
