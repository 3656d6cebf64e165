#!/usr/bin/env bash
# The web app's pages under load: N portal users log in through Keycloak's form and request Overview,
# Invoices, Usage and Profile back to back through the gateway; prints p50/p95/p99 per page, the compressed size of
# a page's JavaScript and CSS, and any reference to another host. Needs the suite running (./portal up).
# Usage: bench/web-pages.sh [users] [seconds]    (WARMUP_SECONDS, default 60; THINK_MS between pages, default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
portico_use_jdk21
exec "$JAVA_HOME/bin/java" -cp "launcher/target/classes:$(cat launcher/target/classpath.txt)" bench/WebLoad.java "http://localhost:${PORTAL_GATEWAY_PORT:-8080}" "${1:-20}" "${2:-60}"
