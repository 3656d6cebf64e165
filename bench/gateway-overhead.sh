#!/usr/bin/env bash
# What the gateway adds: the customer overview (GET /api/accounts/{id}/overview, JWT validated, read from
# PostgreSQL) sent through the gateway and straight to account-service, in one run, with wrk at the same
# concurrency. Each connection is its own portal user (bench-01 … bench-NN, provisioned through the ops API and
# linked to alice's account), as 50 concurrent clients are 50 people, each well inside the per-user rate limit.
# Needs the suite running (./portal up). Usage: [ROUNDS=3] [WARMUP_SECONDS=60] bench/gateway-overhead.sh [connections] [seconds]
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
    --data-urlencode "password=$2" ${3:+-d totp="$3"} | json access_token)"
}

# Ops give a one-time code: the demo ops user's, from the launcher.
OPS="$(token ops 'Ops#2026' "$(./portal otp)")"
ALICE="$(token alice 'Alice#2026')"
[ -n "$OPS" ] && [ -n "$ALICE" ] || { echo "no token from $KEYCLOAK (is ./portal up running?)" >&2; exit 1; }
ACCOUNT="$(curl -sf "$GATEWAY/api/auth/me" -H "Authorization: Bearer $ALICE" | json accountId)"
PATH_UNDER_TEST="/api/accounts/$ACCOUNT/overview"

: >"$WORK/users"
for i in $(seq -w 1 "$CONNECTIONS"); do
  user="bench-$i"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/auth/users" -H "Authorization: Bearer $OPS" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"email\":\"$user@portico.test\",\"accountId\":\"$ACCOUNT\",\"password\":\"Bench#2026-$user\"}")"
  case "$status" in 201|409) ;; *) echo "provisioning $user answered $status" >&2; exit 1 ;; esac
  echo "$user" >>"$WORK/users"
done

# Access tokens live five minutes and a whole run takes longer: fresh ones before every wrk run.
fresh_tokens() {
  : >"$WORK/tokens.new"
  while read -r user; do
    t="$(token "$user" "Bench#2026-$user")"
    [ -n "$t" ] || { echo "no token for $user" >&2; exit 1; }
    echo "$t" >>"$WORK/tokens.new"
  done <"$WORK/users"
  mv "$WORK/tokens.new" "$WORK/tokens"
}

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

base_url() { if [ "$1" = direct ]; then echo "$DIRECT"; else echo "$GATEWAY"; fi; }

# CPU the gateway and account-service spend per call: the launcher's PID files, read on this machine.
RUN_DIR="${PORTAL_HOME:-.portal}/run"
pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null || true; }
GATEWAY_PID="$(pid_of gateway)"
ACCOUNT_PID="$(pid_of account-service)"
cpu_ticks() { if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi; }
per_call_ms() { # ticks before, after, calls
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n; else print "-" }'
}

measure() { # $1 = direct|gateway; prints "rps p50 p99 gateway-cpu-ms account-cpu-ms" (CPU per call)
  fresh_tokens
  local out g0 a0 g1 a1 rps
  g0="$(cpu_ticks "$GATEWAY_PID")" a0="$(cpu_ticks "$ACCOUNT_PID")"
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/users.lua" "$(base_url "$1")")"
  g1="$(cpu_ticks "$GATEWAY_PID")" a1="$(cpu_ticks "$ACCOUNT_PID")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers:" >&2; echo "$out" >&2; return 1; fi
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  local calls; calls="$(awk -v r="$rps" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%d", r * s }')"
  printf '%s %s %s %s %s\n' "$rps" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" \
    "$(per_call_ms "$g0" "$g1" "$calls")" "$(per_call_ms "$a0" "$a1" "$calls")"
}

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print substr(v,1,length(v)-2)/1000; else if (v ~ /ms$/) print substr(v,1,length(v)-2)+0; else if (v ~ /s$/) print substr(v,1,length(v)-1)*1000 }'; }
median() { # $1 = printf format of the result (default: whole numbers)
  sort -n | awk -v format="${1:-%.0f}" '{ a[NR] = $1 } END { printf format, (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Warm-up long enough for the optimising compiler to have compiled the hot paths of both JVMs.
for path in direct gateway; do
  fresh_tokens
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS:-60}s" -s "$WORK/users.lua" "$(base_url "$path")" >/dev/null
done

# Rounds of one run per path, the order alternating from round to round so that a drift of the machine (the JIT
# still compiling, another process waking up) does not always fall on the same path. A single run's p99 moves by
# +-15 %: the figure is the median of the rounds' ratios, and every round is printed.
ROUNDS="${ROUNDS:-3}"
printf '\nGET %s, %s connections (one user each), %ss per run, JWT validated on both paths\n' \
  "/api/accounts/{id}/overview" "$CONNECTIONS" "$SECONDS_PER_RUN"
jvm_flags() { # $1 = name, $2 = PID: the JVM's -X options, without the class-data archive's
  if [ -n "$2" ] && [ -r "/proc/$2/cmdline" ]; then
    printf '%s JVM flags: %s\n' "$1" "$(tr '\0' '\n' <"/proc/$2/cmdline" | grep -E '^-X' | grep -v -E 'SharedArchive|Xlog' | tr '\n' ' ')"
  fi
}
jvm_flags gateway "$GATEWAY_PID"
jvm_flags account-service "$ACCOUNT_PID"
printf '%-6s %-8s %10s %10s %10s %14s %14s\n' round path req/s p50 p99 "gateway ms/call" "account ms/call"
: >"$WORK/added"
: >"$WORK/kept"
: >"$WORK/gateway-cpu"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="direct gateway"; else order="gateway direct"; fi
  for path in $order; do
    line="$(measure "$path")" || exit 1
    read -r rps p50 p99 gcpu acpu <<<"$line"
    printf '%-6s %-8s %10s %10s %10s %14s %14s\n' "$round" "$path" "$rps" "$p50" "$p99" "$gcpu" "$acpu"
    if [ "$path" = gateway ] && [ "$gcpu" != "-" ]; then echo "$gcpu" >>"$WORK/gateway-cpu"; fi
    if [ "$path" = direct ]; then d_rps="$rps" d_p99="$(to_ms "$p99")"; else g_rps="$rps" g_p99="$(to_ms "$p99")"; fi
  done
  added="$(awk -v g="$g_p99" -v d="$d_p99" 'BEGIN { printf "%.1f", (g - d) / d * 100 }')"
  kept="$(awk -v g="$g_rps" -v d="$d_rps" 'BEGIN { printf "%.1f", g / d * 100 }')"
  echo "$added" >>"$WORK/added"
  echo "$kept" >>"$WORK/kept"
  printf '       gateway adds %s%% to p99, keeps %s%% of the direct throughput\n' "$added" "$kept"
done
printf 'median of %s rounds: gateway adds %s%% to p99 and keeps %s%% of the direct throughput\n' \
  "$ROUNDS" "$(median <"$WORK/added")" "$(median <"$WORK/kept")"
if [ -s "$WORK/gateway-cpu" ]; then
  printf 'gateway CPU per call (median of the rounds): %s ms\n' "$(median %.3f <"$WORK/gateway-cpu")"
fi
