#!/usr/bin/env bash
# How fast invoice-service renders invoice PDFs (InvoicePdfRenderer), measured with JMH on one thread pinned to one
# core: one-page invoices per second (goal >= 200) and the time of a 300-line invoice (goal < 150 ms).
# Needs no running suite: builds invoice-service's test classes, then runs InvoicePdfBenchmark. About 75 seconds
# in all. Usage: bench/invoice-pdf.sh [extra JMH options, e.g. -wi 2 -i 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/jdk.sh
portico_use_jdk21
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Offline first (nothing to download once the project has been built); online if something is missing.
mvn_quiet() { ./mvnw -q -o "$@" >"$WORK/mvn.log" 2>&1 || ./mvnw -q "$@"; }

echo "building invoice-service test classes and their class path ..."
mvn_quiet -pl invoice-service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath"
# Every module of the reactor writes the file; invoice-service, built last, has the final word.
CP="invoice-service/target/test-classes:invoice-service/target/classes:$(cat "$WORK/classpath")"

# JMH's annotation processor writes META-INF/BenchmarkList. javac 23 and later no longer run processors found on
# the class path unless asked, so generate it here if the build did not.
if [ ! -f invoice-service/target/test-classes/META-INF/BenchmarkList ]; then
  mkdir -p "$WORK/jmh"
  "$JAVA_HOME/bin/javac" --release 21 -proc:full -nowarn -cp "$CP" -d "$WORK/jmh" \
    invoice-service/src/test/java/dev/portico/invoice/pdf/InvoicePdfBenchmark.java
  CP="$WORK/jmh:$CP"
fi

RUN=("$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main InvoicePdfBenchmark -rf csv -rff "$WORK/result.csv" "$@")
# One core, as the goals are stated: the forked benchmark JVM inherits the affinity (and sizes itself for one CPU).
if command -v taskset >/dev/null; then
  RUN=(taskset -c 0 "${RUN[@]}")
else
  echo "taskset not found: running on all cores" >&2
fi
"${RUN[@]}"

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"; the sampled benchmark
# adds a line per percentile, e.g. "...threeHundredLineInvoice:p0.99".
score() { awk -F, -v b="\"dev.portico.invoice.pdf.InvoicePdfBenchmark.$1\"" '$1 == b { print $5 }' "$WORK/result.csv"; }
one_page="$(score onePageInvoice)"
long_mean="$(score threeHundredLineInvoice)"
long_p99="$(score 'threeHundredLineInvoice:p0.99')"
echo
awk -v s="$one_page" 'BEGIN { printf "one-page invoices/s: %.0f (goal >= 200) %s\n", s, (s >= 200 ? "ok" : "MISSED") }'
awk -v s="$long_mean" -v p="$long_p99" \
  'BEGIN { printf "300-line invoice ms: %.1f, p99 %.1f (goal < 150) %s\n", s, p, (s < 150 ? "ok" : "MISSED") }'
