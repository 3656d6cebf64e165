#!/usr/bin/env bash
# What the gateway adds: the customer overview (GET /api/accounts/{id}/overview, JWT validated, read from
# PostgreSQL) sent through the gateway and straight to account-service, in one run, with wrk at the same
# concurrency. Each connection is its own portal user (bench-01 … bench-NN, provisioned through the ops API and
# linked to alice's account), as 50 concurrent clients are 50 people, each well inside the per-user rate limit.
# Needs the suite running (./portal up). Usage: bench/gateway-overhead.sh [connections] [seconds]
set -euo pipefail
CONNECTIONS="${1:-50}"
SECONDS_PER_RUN="${2:-30}"
GATEWAY="http://localhost:${PORTAL_GATEWAY_PORT:-8080}"
DIRECT="http://localhost:${PORTAL_ACCOUNT_PORT:-8082}"
KEYCLOAK="http://localhost:${PORTAL_KEYCLOAK_PORT:-8180}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package) ..."
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

json() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
# Tokens straight from Keycloak with the local run's dev client secret, so that fetching fifty of them does not
# count against auth-service's login limits.
token() { # one line per token: Keycloak's JSON has no final newline, and sed keeps it that way
  printf '%s\n' "$(curl -sf "$KEYCLOAK/realms/portal/protocol/openid-connect/token" -d grant_type=password \
    -d client_id=auth-service -d client_secret=auth-service-dev-secret -d username="$1" \
    --data-urlencode "password=$2" | json access_token)"
}

OPS="$(token ops 'Ops#2026')"
ALICE="$(token alice 'Alice#2026')"
[ -n "$OPS" ] && [ -n "$ALICE" ] || { echo "no token from $KEYCLOAK (is ./portal up running?)" >&2; exit 1; }
ACCOUNT="$(curl -sf "$GATEWAY/api/auth/me" -H "Authorization: Bearer $ALICE" | json accountId)"
PATH_UNDER_TEST="/api/accounts/$ACCOUNT/overview"

: >"$WORK/tokens"
for i in $(seq -w 1 "$CONNECTIONS"); do
  user="bench-$i"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/auth/users" -H "Authorization: Bearer $OPS" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"email\":\"$user@portico.test\",\"accountId\":\"$ACCOUNT\",\"password\":\"Bench#2026-$user\"}")"
  case "$status" in 201|409) ;; *) echo "provisioning $user answered $status" >&2; exit 1 ;; esac
  t="$(token "$user" "Bench#2026-$user")"
  [ -n "$t" ] || { echo "no token for $user" >&2; exit 1; }
  echo "$t" >>"$WORK/tokens"
done

# One token per connection: wrk calls init() per thread and request() per request; each thread walks its own
# share of the tokens so consecutive requests come from different users.
cat >"$WORK/users.lua" <<EOF
local tokens = {}
for line in io.lines("$WORK/tokens") do tokens[#tokens + 1] = line end
local n = 0
function init(args) n = math.random(#tokens) end
function request()
  n = n % #tokens + 1
  return wrk.format("GET", "$PATH_UNDER_TEST", { ["Authorization"] = "Bearer " .. tokens[n] })
end
EOF

run() { # $1 = label, $2 = base URL; prints "label rps p50 p99"
  # Warm-up long enough for the optimising compiler to have compiled the hot paths of both JVMs.
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS:-60}s" -s "$WORK/users.lua" "$2" >/dev/null
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/users.lua" "$2")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers:" >&2; echo "$out" >&2; return 1; fi
  printf '%s %s %s %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print substr(v,1,length(v)-2)/1000; else if (v ~ /ms$/) print substr(v,1,length(v)-2)+0; else if (v ~ /s$/) print substr(v,1,length(v)-1)*1000 }'; }

d_line="$(run direct "$DIRECT")" || exit 1
read -r _ d_rps d_p50 d_p99 <<<"$d_line"
g_line="$(run gateway "$GATEWAY")" || exit 1
read -r _ g_rps g_p50 g_p99 <<<"$g_line"
printf '\nGET %s, %s connections (one user each), %ss each, JWT validated on both paths\n' \
  "/api/accounts/{id}/overview" "$CONNECTIONS" "$SECONDS_PER_RUN"
printf '%-10s %12s %10s %10s\n' path req/s p50 p99
printf '%-10s %12s %10s %10s\n' direct "$d_rps" "$d_p50" "$d_p99"
printf '%-10s %12s %10s %10s\n' gateway "$g_rps" "$g_p50" "$g_p99"
awk -v g="$(to_ms "$g_p99")" -v d="$(to_ms "$d_p99")" -v gr="$g_rps" -v dr="$d_rps" \
  'BEGIN { printf "gateway adds %.0f%% to p99 and keeps %.0f%% of the direct throughput\n", (g-d)/d*100, gr/dr*100 }'
