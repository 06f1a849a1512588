#!/bin/sh
# Cuts a Baton release from a clean checkout of main: docs/releasing.md says when and why.
#   release/cut.sh 0.1.0 0.2.0
# sets 0.1.0 in every POM, in the Jenkins library's cli-version.txt and in the GitLab template,
# dates the build (project.build.outputTimestamp: what makes a rebuild of the tag byte-identical),
# commits "Release 0.1.0" and tags it v0.1.0; then sets 0.2.0-SNAPSHOT and commits that. It
# publishes nothing and pushes nothing: building and deploying the tag is the next step.
set -eu
cd "$(dirname "$0")/.."
die() { echo "release/cut.sh: $*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: release/cut.sh VERSION NEXT (such as 0.1.0 0.2.0)"
version=$1 next=$2
echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || die "'$version' is not a version like 0.1.0"
echo "$next" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || die "'$next' is not a version like 0.2.0"
[ -z "$(git status --porcelain)" ] || die "the working tree has changes; commit or remove them first"
git rev-parse -q --verify "refs/tags/v$version" > /dev/null && die "tag v$version exists already"

set_version() {
  ./mvnw -B -q versions:set -DnewVersion="$1" -DprocessAllModules -DgenerateBackupPoms=false
  printf '%s\n' "$1" > jenkins-plugin/resources/dev/baton/jenkins/cli-version.txt
}

set_version "$version"
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sed -i.bak "s|<project.build.outputTimestamp>[^<]*<|<project.build.outputTimestamp>$stamp<|" pom.xml
sed -i.bak "s|^    BATON_VERSION: \"[^\"]*\"|    BATON_VERSION: \"$version\"|" templates/baton.gitlab-ci.yml
rm -f pom.xml.bak templates/baton.gitlab-ci.yml.bak
git commit -q -a -m "Release $version"
git tag -a "v$version" -m "Baton $version"

set_version "$next-SNAPSHOT"
git commit -q -a -m "Start $next-SNAPSHOT"
echo "Tagged v$version ($(git rev-parse --short "v$version")); main is at $next-SNAPSHOT."
echo "Next: git push origin main v$version, then build and deploy the tag (docs/releasing.md)."
