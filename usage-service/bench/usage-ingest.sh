#!/usr/bin/env bash
# Usage ingestion through Kafka: records put on usage.records.v1 first, then stored by usage-service's listeners on
# embedded PostgreSQL, timed from the listeners' start. Needs the platform modules installed once
# (./mvnw -pl usage-service -am install -DskipTests). Usage: usage-service/bench/usage-ingest.sh [records=1000000]
# The test JVM runs with the optimising JIT here (the build's tests run C1-only to start fast).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl usage-service test -Dtest=UsageIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Drecords="${1:-1000000}" -Dtest.argLine="-XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED"
cat usage-service/target/usage-ingest-benchmark.txt
