#!/usr/bin/env bash
# Starts a two-node Slurm cluster on this machine for Baton's Slurm tests.
#
# - installs Debian's slurm-wlm and munge when they are missing (needs root and apt);
# - writes /etc/slurm/slurm.conf and gres.conf (refuses to touch a config it did not write);
# - declares two nodes with 4 GPUs each (gres gpu:a100:4) backed by device files, features gpu,a100;
# - starts munged, a MariaDB (data under BATON_SLURM_HOME/db, 127.0.0.1 only) and slurmdbd for
#   accounting (so `sacct` answers), slurmctld and one slurmd per node (slurmd -N NODE, a port
#   each) as root and waits until both nodes are idle.
#
# Idempotent: when the cluster already answers, it exits 0 at once.
# Settings (environment): BATON_SLURM_CPUS (declared CPUs, default 16),
# BATON_SLURM_NODE and BATON_SLURM_NODE2 (node names, default baton01 and baton02),
# BATON_SLURM_HOME (default /var/lib/baton-slurm).
set -euo pipefail

HOME_DIR="${BATON_SLURM_HOME:-/var/lib/baton-slurm}"
NODE="${BATON_SLURM_NODE:-baton01}"
NODE2="${BATON_SLURM_NODE2:-baton02}"
NODES=("$NODE" "$NODE2")
CPUS="${BATON_SLURM_CPUS:-16}"
# slurmd uses 6818 and 6819 (one port per node), slurmctld 6817.
DBD_PORT=6820
DB_PORT=6821
CONF_DIR=/etc/slurm
MARKER="# written by baton src-it/slurm/start-cluster.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { echo "start-cluster: $*"; }
fail() { echo "start-cluster: $*" >&2; exit 1; }

node_ready() {
  local state
  state="$(sinfo -h -n "$1" -o '%T' 2>/dev/null | head -1)" || return 1
  [[ "$state" == idle* || "$state" == mixed* || "$state" == allocated* ]]
}
all_ready() {
  local n
  for n in "${NODES[@]}"; do node_ready "$n" || return 1; done
}

accounting_ready() { sacctmgr -n -P show cluster format=cluster 2>/dev/null | grep -qx baton; }

if command -v sinfo >/dev/null 2>&1 && scontrol ping >/dev/null 2>&1 && all_ready && accounting_ready; then
  say "already running (nodes ${NODES[*]}: $(sinfo -h -N -o '%N=%T' | tr '\n' ' '))"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || fail "must run as root: it installs packages and starts the Slurm daemons"

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 \
  || ! command -v slurmdbd >/dev/null 2>&1 || ! command -v mariadbd >/dev/null 2>&1; then
  say "installing slurm-wlm, slurmdbd, munge and mariadb-server from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # The package's own service start is refused in containers (policy-rc.d); this script starts
  # its own MariaDB below either way.
  apt-get install -y -q --no-install-recommends slurm-wlm slurmdbd munge mariadb-server >/dev/null
fi

if [[ -f "$CONF_DIR/slurm.conf" ]] && ! grep -qF "$MARKER" "$CONF_DIR/slurm.conf"; then
  fail "$CONF_DIR/slurm.conf exists and was not written by this script; this machine looks like a real Slurm host, so nothing was changed"
fi

mkdir -p "$HOME_DIR"/{state,slurmd,log,dev,db,run} "$CONF_DIR"
# The "GPUs". Slurm 22.05 rejects File= paths that are not character or block devices
# ("is not a valid character or block device") and then binds nothing, so a regular file
# is not enough: make device nodes with NVIDIA's major number (nothing ever opens them:
# there are no cgroups), or, where mknod is not allowed, links to /dev/null.
for i in 0 1 2 3 4 5 6 7; do
  dev="$HOME_DIR/dev/nvidia$i"
  [[ -c "$dev" ]] && continue
  rm -f "$dev"
  mknod "$dev" c 195 "$i" 2>/dev/null || ln -s /dev/null "$dev"
done

MEM_MIB="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
CTL_HOST="$(hostname -s)"

sed -e "s|@MARKER@|$MARKER|" -e "s|@HOME@|$HOME_DIR|g" -e "s|@NODE@|$NODE|g" -e "s|@NODE2@|$NODE2|g" \
  -e "s|@CPUS@|$CPUS|g" -e "s|@MEM@|$MEM_MIB|g" -e "s|@CTL_HOST@|$CTL_HOST|g" \
  -e "s|@DBD_PORT@|$DBD_PORT|g" "$HERE/slurm.conf.template" >"$CONF_DIR/slurm.conf"
sed -e "s|@HOME@|$HOME_DIR|g" -e "s|@NODE@|$NODE|g" -e "s|@NODE2@|$NODE2|g" \
  "$HERE/gres.conf.template" >"$CONF_DIR/gres.conf"

# munge: a key (the package usually creates one) and its runtime directory.
if [[ ! -s /etc/munge/munge.key ]]; then
  mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null \
    || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
# Decide by what answers, not by process names: daemons killed with the session that started
# them can linger as zombies for a moment, and a stale one must be replaced, not trusted.
alive() { pgrep -x "$1" -r R,S,D >/dev/null 2>&1; }
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  say "starting munged"
  pkill -x munged 2>/dev/null || true
  sleep 0.5
  rm -f /run/munge/munge.socket.2 /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
fi

# Accounting: a MariaDB of our own (its data under $HOME_DIR/db, TCP on 127.0.0.1 only, a socket
# in $HOME_DIR/run), then slurmdbd on it. The database password is made once and kept there.
db_sql() { mariadb --no-defaults --socket="$HOME_DIR/run/mysqld.sock" -uroot "$@"; }
db_alive() { db_sql -e 'select 1' >/dev/null 2>&1; }
if ! db_alive; then
  if [[ ! -d "$HOME_DIR/db/data/mysql" ]]; then
    say "creating the accounting database"
    rm -rf "$HOME_DIR/db/data"
    mariadb-install-db --no-defaults --datadir="$HOME_DIR/db/data" --user=root \
      --auth-root-authentication-method=socket --skip-test-db >"$HOME_DIR/log/mariadb-install.log" 2>&1 \
      || { tail -n 20 "$HOME_DIR/log/mariadb-install.log" >&2; fail "mariadb-install-db failed"; }
  fi
  say "starting MariaDB (127.0.0.1:$DB_PORT)"
  [[ -s "$HOME_DIR/run/mariadbd.pid" ]] && kill "$(cat "$HOME_DIR/run/mariadbd.pid")" 2>/dev/null && sleep 1
  rm -f "$HOME_DIR/run/mysqld.sock" "$HOME_DIR/run/mariadbd.pid"
  setsid /usr/sbin/mariadbd --no-defaults --datadir="$HOME_DIR/db/data" --user=root \
    --socket="$HOME_DIR/run/mysqld.sock" --port="$DB_PORT" --bind-address=127.0.0.1 \
    --pid-file="$HOME_DIR/run/mariadbd.pid" --log-error="$HOME_DIR/log/mariadbd.log" \
    --skip-name-resolve --innodb-buffer-pool-size=64M </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 100); do db_alive && break; sleep 0.2; done
  db_alive || { tail -n 20 "$HOME_DIR/log/mariadbd.log" >&2; fail "MariaDB did not start within 20 s"; }
fi
[[ -s "$HOME_DIR/db/password" ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$HOME_DIR/db/password")
DB_PASS="$(cat "$HOME_DIR/db/password")"
db_sql -e "CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
  ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
  CREATE DATABASE IF NOT EXISTS slurm_acct_db;
  GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';" \
  || fail "could not create the accounting database's user"
if [[ -f "$CONF_DIR/slurmdbd.conf" ]] && ! grep -qF "$MARKER" "$CONF_DIR/slurmdbd.conf"; then
  fail "$CONF_DIR/slurmdbd.conf exists and was not written by this script; nothing was changed"
fi
(umask 077 && sed -e "s|@MARKER@|$MARKER|" -e "s|@HOME@|$HOME_DIR|g" -e "s|@DBD_PORT@|$DBD_PORT|g" \
  -e "s|@DB_PORT@|$DB_PORT|g" -e "s|@DB_PASS@|$DB_PASS|g" \
  "$HERE/slurmdbd.conf.template" >"$CONF_DIR/slurmdbd.conf")
chmod 600 "$CONF_DIR/slurmdbd.conf"
dbd_alive() { sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; }
if ! dbd_alive; then
  say "starting slurmdbd (127.0.0.1:$DBD_PORT)"
  [[ -s "$HOME_DIR/slurmdbd.pid" ]] && kill "$(cat "$HOME_DIR/slurmdbd.pid")" 2>/dev/null && sleep 0.5
  /usr/sbin/slurmdbd
  for _ in $(seq 1 100); do dbd_alive && break; sleep 0.2; done
  dbd_alive || { tail -n 20 "$HOME_DIR/log/slurmdbd.log" >&2; fail "slurmdbd did not answer within 20 s"; }
fi
# slurmctld registers with slurmdbd only as a known cluster.
accounting_ready || sacctmgr -i add cluster baton >/dev/null \
  || fail "sacctmgr could not add the cluster 'baton' to the accounting database"
# A slurmctld started before accounting existed must be restarted to use it.
if scontrol ping >/dev/null 2>&1 && ! scontrol show config 2>/dev/null | grep -q 'AccountingStorageType *= accounting_storage/slurmdbd'; then
  say "restarting slurmctld and slurmd with accounting"
  pkill -x slurmctld 2>/dev/null || true
  for f in "$HOME_DIR"/slurmd.*.pid; do [[ -s "$f" ]] && kill "$(cat "$f")" 2>/dev/null; done
  for _ in $(seq 1 50); do scontrol ping >/dev/null 2>&1 || break; sleep 0.1; done
fi

if ! scontrol ping >/dev/null 2>&1; then
  say "starting slurmctld"
  pkill -x slurmctld 2>/dev/null || true
  sleep 0.5
  # -c: start clean (no jobs from an earlier run); -i: ignore state that does not match the config.
  /usr/sbin/slurmctld -c -i
fi
# One slurmd per node, told its name with -N; each writes its own pid file (slurmd.%n.pid).
slurmd_alive() {
  local f="$HOME_DIR/slurmd.$1.pid"
  [[ -s "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}
for n in "${NODES[@]}"; do
  if ! slurmd_alive "$n" || ! node_ready "$n"; then
    say "starting slurmd (node $n)"
    if [[ -s "$HOME_DIR/slurmd.$n.pid" ]]; then
      kill "$(cat "$HOME_DIR/slurmd.$n.pid")" 2>/dev/null || true
      sleep 0.5
    fi
    mkdir -p "$HOME_DIR/slurmd/$n"
    /usr/sbin/slurmd -N "$n"
  fi
done

say "waiting for nodes ${NODES[*]} to become idle"
for _ in $(seq 1 60); do
  if scontrol ping >/dev/null 2>&1 && all_ready; then
    sinfo -N -o '%N %T features=%f gres=%G cpus=%c mem=%m'
    say "ready. Stop it with: $HERE/stop-cluster.sh"
    exit 0
  fi
  for n in "${NODES[@]}"; do
    state="$(sinfo -h -n "$n" -o '%T' 2>/dev/null || true)"
    if [[ "$state" == down* || "$state" == drain* ]]; then
      scontrol update NodeName="$n" State=RESUME 2>/dev/null || true
    fi
  done
  sleep 1
done
scontrol show node >&2 || true
tail -n 20 "$HOME_DIR"/log/*.log >&2 || true
fail "nodes ${NODES[*]} did not become idle within 60 s; see the logs in $HOME_DIR/log"
