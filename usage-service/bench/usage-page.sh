#!/usr/bin/env bash
# Usage page benchmark: an account with 5,000,000 records in the current period and 24 months of history, and one
# with 10x less history, read over HTTP by usage-service on embedded PostgreSQL. Needs the platform modules
# installed once (./mvnw -pl usage-service -am install -DskipTests). The test JVM runs with the optimising JIT.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl usage-service test -Dtest=UsagePageBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest.argLine="-XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED" "$@"
cat usage-service/target/usage-page-benchmark.txt
