#!/usr/bin/env bash
# Carries the files a step made to the agents of the steps that need it (carry: 'changed').
#   baton-carry.sh mark MARKER               before the step: remember the time
#   baton-carry.sh pack MARKER ARCHIVE SKIP.. after: archive files created or changed since MARKER,
#                                             except under .git/, .baton/ and each SKIP directory
#   baton-carry.sh unpack ARCHIVE             on the dependent's agent: restore them
set -euo pipefail

case "${1:-}" in
  mark)
    mkdir -p "$(dirname "$2")"
    touch "$2"
    ;;
  pack)
    marker="$2"; archive="$3"; shift 3
    prune=(-path ./.git -o -path ./.baton)
    for skip in "$@"; do
      prune+=(-o -path "./${skip%/}")
    done
    mkdir -p "$(dirname "${archive}")"
    find . \( "${prune[@]}" \) -prune -o \( -type f -newer "${marker}" -print0 \) \
      | tar --null -T - -cf "${archive}"
    echo "baton: carrying $(tar -tf "${archive}" | wc -l | tr -d ' ') file(s) to the steps that need them"
    ;;
  unpack)
    tar -xf "$2"
    ;;
  *)
    echo "usage: baton-carry.sh mark MARKER | pack MARKER ARCHIVE [SKIP...] | unpack ARCHIVE" >&2
    exit 2
    ;;
esac
