// The site has the Baton page, and the full HTML report next to it.
def page = new File(basedir, 'target/site/baton.html')
assert page.isFile() : 'target/site/baton.html is missing'
def html = page.text
assert html.contains('Baton pipeline') || html.contains('site-report: SUCCEEDED')
assert html.contains('train[lr=0.1]')
assert html.contains('baton-run/report.html')
assert new File(basedir, 'target/site/baton-run/report.html').isFile()
assert new File(basedir, 'target/site/baton-run/report.css').isFile()
assert new File(basedir, 'target/site/baton-run/logs/prepare.log').isFile()
return true
