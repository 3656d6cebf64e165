#!/usr/bin/env bash
# Payment-to-balance latency, SSE push latency and payment throughput against a running suite, through the
# gateway. Start the suite first, as users run it: ./portal up (PORTAL_JIT=throughput for the optimising JIT).
# Usage: bench/payments.sh [clients=20] [payments=1000] [seconds=30] [rates=60,80,100,120,140] [gateway=http://localhost:8080]
# WARMUP_SECONDS (default 120) of unmeasured payments come first, so that the services' hot code is compiled.
# After each measured part, the mean time of each phase of a POST inside payment-service (from its metrics).
# THINK_MS=1000: the payment-to-balance clients pause 0.5-1.5 s between payments (default 0, back to back);
# rates "-" skip the fixed-rate runs, seconds 0 skip throughput altogether, payments 0 skip payment-to-balance.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="java"
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    java_bin="$candidate/bin/java"; break
  fi
done
exec "$java_bin" -cp "launcher/target/classes:$(cat launcher/target/classpath.txt)" bench/SuiteLoad.java payments "${5:-http://localhost:8080}" "${1:-20}" "${2:-1000}" "${3:-30}" "${4:-60,80,100,120,140}"
