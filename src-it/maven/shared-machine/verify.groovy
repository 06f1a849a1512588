// A real `baton run` (started by prebuild.groovy) and this real mvn baton:run shared the simulated
// agent's four GPUs: the Maven run's 4-GPU step waited, said why, and never overlapped the CLI's.
import groovy.json.JsonSlurper
import java.time.Instant
import java.util.concurrent.TimeUnit

def cli = context.get('cli')
assert cli != null : 'prebuild.groovy did not start the CLI run'
assert cli.waitFor(120, TimeUnit.SECONDS) : 'the CLI run did not finish'
def cliConsole = new File(basedir, 'cli-console.txt').text
assert cli.exitValue() == 0 : "the CLI run failed:\n${cliConsole}"
assert cliConsole.contains('cli held 0,1,2,3 until maven waited')

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /\[train\] waiting for 4 GPUs on shared: 0,1,2,3 held by run \S+ \(pid \d+\)/ : 'no waiting line'
assert log.contains('maven trains on 0,1,2,3')

def slurp = new JsonSlurper()
def mavenRun = slurp.parse(new File(basedir, 'target/baton/run.json'))
def cliRun = slurp.parse(new File(basedir, 'cli/out/run.json'))
assert mavenRun.status == 'SUCCEEDED'
assert cliRun.status == 'SUCCEEDED'
def hold = cliRun.steps.find { it.id == 'hold' }.attempts[0]
def train = mavenRun.steps.find { it.id == 'train' }.attempts[0]
assert hold.agent == 'shared' && train.agent == 'shared'
assert hold.gpus == [0, 1, 2, 3] && train.gpus == [0, 1, 2, 3]
assert train.leaseWaitMillis > 0 : "train did not wait: ${train}"
def overlap = { a, b ->
  Instant.parse(a.startedAt).isBefore(Instant.parse(b.endedAt)) &&
      Instant.parse(b.startedAt).isBefore(Instant.parse(a.endedAt))
}
assert !overlap(hold, train) : "the two runs held the GPUs at once: ${hold} and ${train}"
return true
