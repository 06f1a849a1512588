// The site has the Baton page, and the full HTML report next to it.
def page = new File(basedir, 'target/site/baton.html')
assert page.isFile() : 'target/site/baton.html is missing'
def html = page.text
// The page's text without markup, whitespace collapsed: what a reader sees, whatever the skin.
def text = html.replaceAll('<[^>]+>', ' ').replaceAll('&nbsp;', ' ').replaceAll('\\s+', ' ')
assert html.contains('Baton pipeline site-report') : 'the page title does not name the pipeline'
assert text.contains('site-report: SUCCEEDED') : "the page does not give the run's status: $text"
assert text.contains('3 steps') : "the page does not count the run's steps: $text"
// One row per step, each with its status.
for (step in ['prepare', 'train[lr=0.1]', 'train[lr=0.2]']) {
    assert text.contains("$step SUCCEEDED") : "no row says $step SUCCEEDED: $text"
}
assert html.contains('href="baton-run/report.html"') : 'the page does not link the full report'
assert new File(basedir, 'target/site/baton-run/report.html').isFile()
assert new File(basedir, 'target/site/baton-run/report.css').isFile()
assert new File(basedir, 'target/site/baton-run/logs/prepare.log').isFile()
return true
