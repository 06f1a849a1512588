#!/usr/bin/env bash
# Runs the Baton CLI on a Jenkins agent with the arguments given.
#
# Which CLI: $BATON_CLI when set (the step's cli: argument, or the agent's environment), e.g.
#   BATON_CLI='java -jar /opt/baton/baton-cli.jar'   or   BATON_CLI=baton
# otherwise the CLI jar dev.baton:baton-cli:$BATON_VERSION (the library's own version), fetched from
# the team's Maven repository with `mvn dependency:copy` into $BATON_CLI_CACHE (~/.baton/cli): a
# release once per agent and kept for good; a -SNAPSHOT checked again (mvn -U) once the last check
# is older than $BATON_SNAPSHOT_MAX_AGE minutes (default 60, 0: every call), and replaced only when
# the repository's jar has another checksum, keeping the cached one if the check fails.
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

# When the cached SNAPSHOT jar was last compared with the repository's (its age is that of the check).
checked="${jar}.checked"
stale=false
update=''
if [ -s "${jar}" ] && [[ "${version}" == *-SNAPSHOT ]]; then
  max_age="${BATON_SNAPSHOT_MAX_AGE:-60}"
  if [ ! -e "${checked}" ] || [ "${max_age}" = 0 ] \
      || [ -n "$(find "${checked}" -mmin +"${max_age}")" ]; then
    stale=true
    update='-U'
  fi
fi

# A checksum of a file: sha256sum where there is one, else POSIX cksum.
checksum() {
  if command -v sha256sum > /dev/null 2>&1; then
    sha256sum < "$1" | cut -d ' ' -f 1
  else
    cksum < "$1" | cut -d ' ' -f 1,2
  fi
}

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
  fetched="${tmp}/baton-cli-${version}.jar"
  if ${stale} && [ "$(checksum "${fetched}")" = "$(checksum "${jar}")" ]; then
    # The repository holds the jar this agent has: keep it (and its start-up caches).
    rm -f "${fetched}"
  else
    if ${stale}; then
      echo "baton: dev.baton:baton-cli:${version}:jar changed in the repository (checksum" \
        "$(checksum "${fetched}")); using the new one" >&2
    fi
    mv -f "${fetched}" "${jar}"
  fi
  touch "${checked}"
  rm -rf "${tmp}"
  trap - EXIT
fi

exec "${BATON_JAVA:-java}" -jar "${jar}" "$@"
