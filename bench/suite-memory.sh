#!/usr/bin/env bash
# Resident memory of the running local suite: every process ./portal started (PIDs in .portal/run/*.pid) and
# all their descendants (PostgreSQL's backends, Keycloak's JVM under kc.sh), summed from /proc.
# RSS counts memory shared between processes (PostgreSQL's shared buffers) once per process, so its sum is an
# upper bound; PSS splits shared pages between their users and sums to what the suite really occupies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${PORTAL_HOME:-$ROOT/.portal}"
RUN="$HOME_DIR/run"
ls "$RUN"/*.pid >/dev/null 2>&1 || { echo "nothing running (no pid files in $RUN)" >&2; exit 1; }

descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
report() { # $1 = name, $2 = root PID: one line for the process and its descendants, added to the totals
  local sum=0 pss=0 n=0 p
  for p in "$2" $(descendants "$2"); do
    sum=$((sum + $(rss_kb "$p"))); pss=$((pss + $(pss_kb "$p"))); n=$((n + 1))
  done
  total=$((total + sum)); total_pss=$((total_pss + pss))
  printf '%-18s %8d %10.0f %10.0f\n' "$1" "$n" "$(echo "$sum/1024" | bc -l)" "$(echo "$pss/1024" | bc -l)"
}

total=0; total_pss=0
printf '%-18s %8s %10s %10s\n' component procs "RSS MiB" "PSS MiB"
for f in "$RUN"/*.pid; do
  name="$(basename "$f" .pid)"; pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null || { printf '%-18s %8s %10s\n' "$name" 0 "stopped"; continue; }
  report "$name" "$pid"
done
# PostgreSQL daemonises (pg_ctl), so its server is no descendant of the infra JVM: find it by its data directory.
PG_PID_FILE="$HOME_DIR/data/postgres/postmaster.pid"
if [ -f "$PG_PID_FILE" ] && kill -0 "$(head -1 "$PG_PID_FILE")" 2>/dev/null; then
  report postgresql "$(head -1 "$PG_PID_FILE")"
fi
printf '%-18s %8s %10.0f %10.0f\n' total "" "$(echo "$total/1024" | bc -l)" "$(echo "$total_pss/1024" | bc -l)"
printf 'sum of RSS: %.2f GiB (sum of PSS: %.2f GiB)\n' "$(echo "$total/1048576" | bc -l)" "$(echo "$total_pss/1048576" | bc -l)"
