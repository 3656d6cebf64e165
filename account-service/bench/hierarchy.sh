#!/usr/bin/env bash
# Hierarchy benchmark: 100,000 accounts ten levels deep on embedded PostgreSQL; membership check and subtree search
# timings. Needs the platform modules installed once (./mvnw -pl account-service -am install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl account-service test -Dtest=HierarchyBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat account-service/target/hierarchy-benchmark.txt
