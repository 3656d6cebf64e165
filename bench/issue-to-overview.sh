#!/usr/bin/env bash
# Issue-to-overview latency against a running suite (./portal up first). Usage: bench/issue-to-overview.sh [n] [gateway]
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="java"
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    java_bin="$candidate/bin/java"; break
  fi
done
exec "$java_bin" -cp "launcher/target/classes:$(cat launcher/target/classpath.txt)" bench/SuiteLoad.java issue "${2:-http://localhost:8080}" "${1:-200}"
