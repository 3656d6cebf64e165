#!/usr/bin/env bash
# What the gateway adds: the same authenticated GET (/api/auth/me, answered from the token) sent through the
# gateway and straight to auth-service, in one run, with wrk at the same concurrency.
# Needs the suite running (./portal up). Usage: bench/gateway-overhead.sh [connections] [seconds]
set -euo pipefail
CONNECTIONS="${1:-50}"
SECONDS_PER_RUN="${2:-30}"
GATEWAY="http://localhost:${PORTAL_GATEWAY_PORT:-8080}"
DIRECT="http://localhost:${PORTAL_AUTH_PORT:-8081}"
KEYCLOAK="http://localhost:${PORTAL_KEYCLOAK_PORT:-8180}"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package) ..."
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

TOKEN="$(curl -sf "$KEYCLOAK/realms/portal/protocol/openid-connect/token" \
  -d grant_type=password -d client_id=auth-service -d client_secret=auth-service-dev-secret \
  -d username=e2e-user --data-urlencode 'password=E2e-user#2026' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
[ -n "$TOKEN" ] || { echo "could not get a token from $KEYCLOAK (is ./portal up running?)" >&2; exit 1; }

run() { # $1 = label, $2 = base URL; prints "label rps p50 p99"
  wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $TOKEN" "$2/api/auth/me" >/dev/null # warm-up
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" "$2/api/auth/me")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers:" >&2; echo "$out" >&2; exit 1; fi
  printf '%s %s %s %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print substr(v,1,length(v)-2)/1000; else if (v ~ /ms$/) print substr(v,1,length(v)-2)+0; else if (v ~ /s$/) print substr(v,1,length(v)-1)*1000 }'; }

read -r _ d_rps d_p50 d_p99 <<<"$(run direct "$DIRECT")"
read -r _ g_rps g_p50 g_p99 <<<"$(run gateway "$GATEWAY")"
printf '\nGET /api/auth/me, %s connections, %ss each, JWT validated on both paths\n' "$CONNECTIONS" "$SECONDS_PER_RUN"
printf '%-10s %12s %10s %10s\n' path req/s p50 p99
printf '%-10s %12s %10s %10s\n' direct "$d_rps" "$d_p50" "$d_p99"
printf '%-10s %12s %10s %10s\n' gateway "$g_rps" "$g_p50" "$g_p99"
awk -v g="$(to_ms "$g_p99")" -v d="$(to_ms "$d_p99")" -v gr="$g_rps" -v dr="$d_rps" \
  'BEGIN { printf "gateway adds %.0f%% to p99 and keeps %.0f%% of the direct throughput\n", (g-d)/d*100, gr/dr*100 }'
