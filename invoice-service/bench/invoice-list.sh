#!/usr/bin/env bash
# Invoice list benchmark: 10,000 invoices of one account among 100,000 on embedded PostgreSQL, listed over HTTP by
# invoice-service, sorted by due date, 20 a page. Needs the platform modules installed once
# (./mvnw -pl invoice-service -am install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl invoice-service test -Dtest=InvoiceListBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat invoice-service/target/invoice-list-benchmark.txt
