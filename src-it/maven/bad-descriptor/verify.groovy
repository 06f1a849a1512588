// A misspelt key fails the build at validate with file:line:column and a hint; nothing runs.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('baton-maven-plugin') && log.contains(':check') : 'the build did not fail in baton:check'
assert log =~ /baton\.yaml:7:5: unknown key 'nedds'/ : 'no file:line:column for the misspelt key'
assert log.contains('needs') : 'no did-you-mean hint'
assert log.contains('mvn baton:check')
assert !log.contains('\tat dev.baton') : 'a user mistake printed a stack trace'
assert !new File(basedir, 'target/baton/run.json').exists() : 'a run started despite the bad descriptor'
assert !new File(basedir, 'prepared.txt').exists()
return true
