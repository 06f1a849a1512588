// Starts a real `baton run` (the CLI jar this reactor built) on cli/baton.yaml, leasing in the same
// directory as the Maven build will, and returns once its step holds all four GPUs.
def root = new File(basedir, '../../../..').canonicalFile
def jar = new File(root, 'baton-cli/target/baton-cli.jar')
assert jar.isFile() : "no CLI jar ${jar}; build baton-cli first"
def java = new File(System.getProperty('java.home'), 'bin/java').path
def pb = new ProcessBuilder(java, '-jar', jar.path, 'run', 'baton.yaml', '--report-dir', 'out')
pb.directory(new File(basedir, 'cli'))
pb.redirectErrorStream(true)
pb.redirectOutput(new File(basedir, 'cli-console.txt'))
pb.environment().put('BATON_LEASE_DIR', new File(basedir, 'leases').path)
pb.environment().put('CI', 'true')
def cli = pb.start()
context.put('cli', cli)

def holds = new File(basedir, 'cli-holds')
long deadline = System.currentTimeMillis() + 120_000
while (!holds.exists() && cli.isAlive() && System.currentTimeMillis() < deadline) {
  sleep 50
}
assert holds.exists() : "the CLI run did not start its step:\n" + new File(basedir, 'cli-console.txt').text
return true
