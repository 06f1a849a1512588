#!/usr/bin/env bash
# Runs the Baton CLI on a Jenkins agent with the arguments given.
#
# Which CLI: $BATON_CLI when set (the step's cli: argument, or the agent's environment), e.g.
#   BATON_CLI='java -jar /opt/baton/baton-cli.jar'   or   BATON_CLI=baton
# otherwise the CLI jar dev.baton:baton-cli:$BATON_VERSION, fetched from the team's Maven
# repository with `mvn dependency:copy` into $BATON_CLI_CACHE (~/.baton/cli): once per agent for a
# release; for a -SNAPSHOT version again (with -U) once the cached jar is older than
# $BATON_SNAPSHOT_MAX_AGE minutes (default 60), keeping the cached one if the refresh fails.
# Optional: BATON_MVN (default mvn), BATON_MAVEN_ARGS (e.g. "-s /etc/maven/settings.xml"),
# BATON_JAVA (default java).
set -euo pipefail

if [ -n "${BATON_CLI:-}" ]; then
  # eval so that a quoted path with spaces in BATON_CLI stays one word
  eval "exec ${BATON_CLI} \"\$@\""
fi

version="${BATON_VERSION:?BATON_VERSION is not set; the Baton library sets it, run through baton()}"
cache="${BATON_CLI_CACHE:-${HOME:-/tmp}/.baton/cli}"
jar="${cache}/baton-cli-${version}.jar"

stale=false
update=''
if [ -s "${jar}" ] && [[ "${version}" == *-SNAPSHOT ]] \
    && [ -n "$(find "${jar}" -mmin +"${BATON_SNAPSHOT_MAX_AGE:-60}")" ]; then
  stale=true
  update='-U'
fi

if [ ! -s "${jar}" ] || ${stale}; then
  mvn_cmd="${BATON_MVN:-mvn}"
  if ${stale} && ! command -v "${mvn_cmd%% *}" > /dev/null 2>&1; then
    echo "baton: cannot refresh ${jar} ('${mvn_cmd}' is not installed); using it as it is" >&2
    exec "${BATON_JAVA:-java}" -jar "${jar}" "$@"
  fi
  if ! command -v "${mvn_cmd%% *}" > /dev/null 2>&1; then
    echo "baton: no Baton CLI on agent ${NODE_NAME:-?}: '${mvn_cmd}' is not installed and BATON_CLI is not set;" \
      "install Maven on the agent, or set BATON_CLI (e.g. 'java -jar /opt/baton/baton-cli.jar')" \
      "in the node's environment variables or pass cli: to the step" >&2
    exit 3
  fi
  mkdir -p "${cache}"
  # Fetch into a private directory, then rename: steps starting together on one agent never see
  # half a jar.
  tmp="$(mktemp -d "${cache}/.fetch.XXXXXX")"
  trap 'rm -rf "${tmp}"' EXIT
  echo "baton: fetching dev.baton:baton-cli:${version}:jar with Maven" >&2
  # shellcheck disable=SC2086  # BATON_MAVEN_ARGS holds several words on purpose
  if ! ${mvn_cmd} -B -q ${update} ${BATON_MAVEN_ARGS:-} dependency:copy \
      "-Dartifact=dev.baton:baton-cli:${version}:jar" "-DoutputDirectory=${tmp}" \
      -Dmdep.stripVersion=false >&2; then
    if ${stale}; then
      echo "baton: could not refresh dev.baton:baton-cli:${version}:jar; using the one" \
        "fetched before (${jar})" >&2
      rm -rf "${tmp}"
      trap - EXIT
      exec "${BATON_JAVA:-java}" -jar "${jar}" "$@"
    fi
    echo "baton: could not fetch dev.baton:baton-cli:${version}:jar; check that the team's" \
      "Maven repository holds it (BATON_MAVEN_ARGS can pass -s settings.xml), or set BATON_CLI" >&2
    exit 3
  fi
  # Its age says when it was fetched, whatever time Maven gave the file.
  touch "${tmp}/baton-cli-${version}.jar"
  mv -f "${tmp}/baton-cli-${version}.jar" "${jar}"
  rm -rf "${tmp}"
  trap - EXIT
fi

exec "${BATON_JAVA:-java}" -jar "${jar}" "$@"
