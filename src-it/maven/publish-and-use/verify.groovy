// Publishing as a user's release would: deploy to a file repository, then use the plugin from it.
// Script variables (src-it/pom.xml): repoRoot, localRepo (the outer build's), batonVersion.
import java.nio.file.Files

def run(File dir, List<String> command, File log) {
  def pb = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
  pb.redirectOutput(log)
  def p = pb.start()
  assert p.waitFor(8, java.util.concurrent.TimeUnit.MINUTES) : "${command} did not finish in 8 minutes"
  return p.exitValue()
}

def root = new File(repoRoot)
def work = Files.createTempDirectory('baton-publish').toFile()   // outside the repository
try {
  def repo = new File(work, 'repo')
  def deployLog = new File(basedir, 'deploy.log')
  // The modules a plugin user needs, already built by this reactor: classes are up to date, so
  // nothing is compiled again (useIncrementalCompilation=false: only stale sources). -Prelease
  // attaches the sources jars (Javadoc is left to the release itself: it takes minutes).
  int deployed = run(root, [new File(root, 'mvnw').path, '-B', '-q', 'deploy',
      '-pl', 'shared-core,maven-plugin', '-am', '-Prelease', '-Dmaven.javadoc.skip=true',
      '-DskipTests', '-Dspotless.check.skip=true', '-Dmaven.compiler.useIncrementalCompilation=false',
      "-Dmaven.repo.local=${localRepo}".toString(),
      "-DaltDeploymentRepository=baton-file::file:${repo.path}".toString()], deployLog)
  assert deployed == 0 : "deploy failed:\n${deployLog.text}"

  def plugin = new File(repo, "dev/baton/baton-maven-plugin/${batonVersion}")
  assert plugin.listFiles().any { it.name ==~ /baton-maven-plugin-.*-sources\.jar/ } : "no sources jar in ${plugin.list()}"
  assert plugin.listFiles().any { it.name ==~ /baton-maven-plugin-[^s]*\.jar/ } : "no plugin jar in ${plugin.list()}"
  assert new File(repo, "dev/baton/baton-parent/${batonVersion}").isDirectory() : 'the parent POM was not deployed'
  assert new File(repo, "dev/baton/baton-core/${batonVersion}").isDirectory() : 'the core was not deployed'

  // The consumer: its own local repository, the file repository for Baton, and the outer
  // build's local repository (as a remote, src-it/maven/settings.xml) for Maven's own plugins.
  def consumer = new File(work, 'churn-model')
  consumer.mkdirs()
  def source = new File(basedir, 'consumer')
  new File(consumer, 'baton.yaml').text = new File(source, 'baton.yaml').text
  new File(consumer, 'pom.xml').text = new File(source, 'pom.xml').text
      .replace('@batonRepository@', repo.toURI().toString())
      .replace('@batonVersion@', batonVersion)
  def settings = new File(work, 'settings.xml')
  settings.text = new File(root, 'src-it/maven/settings.xml').text
      .replace('@localRepositoryUrl@', new File(localRepo).toURI().toString())
  def verifyLog = new File(basedir, 'consumer-verify.log')
  int verified = run(consumer, [new File(root, 'mvnw').path, '-B', 'verify', '-s', settings.path,
      "-Dmaven.repo.local=${new File(work, 'm2').path}".toString()], verifyLog)
  def log = verifyLog.text
  assert verified == 0 : "mvn verify of the consumer failed:\n${log}"

  def fetched = new File(work, "m2/dev/baton/baton-maven-plugin/${batonVersion}")
  assert fetched.listFiles().any { it.name == 'maven-metadata-baton-file.xml' } :
      "the plugin did not come from the deployed repository: ${fetched.list()}"
  assert new File(consumer, 'out/trained.txt').isFile() : "the train step did not run:\n${log}"
  assert !new File(consumer, 'out/deployed.txt').exists() : "mvn verify ran the deploy step:\n${log}"
  assert log.contains('Not running canary') : "no word of the step left out:\n${log}"
  assert log.contains('-Dbaton.deploy=true')
} finally {
  work.deleteDir()
}
return true
