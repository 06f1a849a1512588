// Two baton:run invocations added their runs to .baton/history.db; baton:history listed both,
// newest first, with their params; baton:trends wrote trends.html with the gate metric's line
// over both runs, CSP-safe (no script, no inline style).
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !log.contains('BUILD FAILURE')
assert new File(basedir, '.baton/history.db').isFile() : 'no history store was made'
assert !log.contains('was not added to the run history') : 'a run was not added'

def listed = log.readLines().findAll { it =~ /\[INFO\] \S+ +tracked +SUCCEEDED/ }
assert listed.size() == 2 : "baton:history listed ${listed}"
assert listed[0].contains('acc=0.95') : "newest first: ${listed}"
assert listed[1].contains('acc=0.91') : "oldest last: ${listed}"

def trends = new File(basedir, '.baton/trends.html')
assert trends.isFile() : 'baton:trends wrote no trends.html'
assert log.contains('wrote ' + trends.path) || log.contains('wrote ' + trends.canonicalPath)
def html = trends.text
assert html.contains('2 runs, oldest on the left.')
assert html.contains('data-series="quality accuracy"') : 'no line for the gate metric'
assert !html.contains('<script')
assert !html.contains('style=')
assert new File(basedir, '.baton/trends.css').isFile()
return true
