#!/usr/bin/env bash
# Stops the two-node Slurm test cluster that start-cluster.sh started.
# Cancels its jobs, then ends slurmd, slurmctld, slurmdbd, its MariaDB and munged by the pids
# they wrote.
# Leaves the packages and /etc/slurm in place; --purge also removes the config and state.
set -uo pipefail

HOME_DIR="${BATON_SLURM_HOME:-/var/lib/baton-slurm}"
MARKER="# written by baton src-it/slurm/start-cluster.sh"

if [[ -f /etc/slurm/slurm.conf ]] && ! grep -qF "$MARKER" /etc/slurm/slurm.conf; then
  echo "stop-cluster: /etc/slurm/slurm.conf was not written by start-cluster.sh; not stopping anything" >&2
  exit 1
fi

stop_pidfile() {
  local name="$1" file="$2" pid
  [[ -s "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop-cluster: stopping $name (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$file"
}

scancel --full --user=root >/dev/null 2>&1 || true
for f in "$HOME_DIR"/slurmd.*.pid "$HOME_DIR/slurmd.pid"; do
  [[ -e "$f" ]] && stop_pidfile "slurmd ($(basename "$f" .pid))" "$f"
done
stop_pidfile slurmctld "$HOME_DIR/slurmctld.pid"
stop_pidfile slurmdbd "$HOME_DIR/slurmdbd.pid"
stop_pidfile mariadbd "$HOME_DIR/run/mariadbd.pid"
stop_pidfile munged /run/munge/munged.pid

if [[ "${1:-}" == "--purge" ]]; then
  rm -rf "$HOME_DIR" /etc/slurm/slurm.conf /etc/slurm/gres.conf /etc/slurm/slurmdbd.conf
  echo "stop-cluster: removed $HOME_DIR and the generated config"
fi
echo "stop-cluster: stopped"
