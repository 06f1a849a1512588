#!/usr/bin/env bash
# Carries the files a step wrote to the agents of the steps that need it (carry: 'changed').
#   baton-carry.sh mark LISTING SKIP..         before the step: list every file with its identity
#   baton-carry.sh pack LISTING ARCHIVE SKIP.. after: archive each file that is new, or whose
#                                              identity changed, except under .git/, .baton/ and
#                                              each SKIP directory
#   baton-carry.sh unpack ARCHIVE              on the dependent's agent: restore them
#
# A file's identity is its inode, size, modification time and status-change time (ctime). Not the
# modification time alone: tar -x, cp -p, rsync -a and downloads keep old modification times, but
# writing a file always sets its ctime to now, which no tool can set back. Needs GNU find and tar.
set -euo pipefail

# Prints "inode size mtime ctime path" for every file and symbolic link, NUL-terminated, sorted.
listing() {
  local prune=(-path ./.git -o -path ./.baton)
  local skip
  for skip in "$@"; do
    prune+=(-o -path "./${skip%/}")
  done
  find . \( "${prune[@]}" \) -prune -o \( -type f -o -type l \) -printf '%i %s %T@ %C@ %p\0' \
    | LC_ALL=C sort -z
}

case "${1:-}" in
  mark)
    before="$2"; shift 2
    mkdir -p "$(dirname "${before}")"
    listing "$@" > "${before}"
    ;;
  pack)
    before="$2"; archive="$3"; shift 3
    mkdir -p "$(dirname "${archive}")"
    # Entries only in the listing after the step: new files, and files whose identity changed.
    LC_ALL=C comm -z -13 "${before}" <(listing "$@") \
      | cut -z -d ' ' -f 5- \
      | tar --null --no-recursion -T - -cf "${archive}"
    echo "baton: carrying $(tar -tf "${archive}" | wc -l | tr -d ' ') file(s) to the steps that need them"
    ;;
  unpack)
    tar -xf "$2"
    ;;
  *)
    echo "usage: baton-carry.sh mark LISTING [SKIP...] | pack LISTING ARCHIVE [SKIP...] | unpack ARCHIVE" >&2
    exit 2
    ;;
esac
