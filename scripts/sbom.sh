#!/usr/bin/env bash
# The suite's software bill of materials (CycloneDX JSON, runtime dependencies of every module) in target/bom.json,
# and a scan of it against known vulnerabilities where an offline advisory database is at hand:
#   OSV_SCANNER   path of osv-scanner (default: osv-scanner on PATH)
#   OSV_DB_DIR    its offline database (osv-scanner's --offline mode reads OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY)
# Without both, the bill is written and the scan is skipped with a note: the build has no internet for a live one.
# A finding fails the script. SECURITY.md, Dependencies, says how operators run the scan.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
portico_use_jdk21
./mvnw -q -DskipTests org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom
echo "SBOM: target/bom.json ($(grep -o '"bom-ref"' target/bom.json | wc -l) entries)"
scanner="${OSV_SCANNER:-$(command -v osv-scanner || true)}"
if [[ -n "$scanner" && -n "${OSV_DB_DIR:-}" && -d "${OSV_DB_DIR:-/nonexistent}" ]]; then
	OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY="$OSV_DB_DIR" "$scanner" scan source --offline -L target/bom.json
else
	echo "SBOM scan skipped: no osv-scanner with an offline database (OSV_SCANNER, OSV_DB_DIR) on this machine"
fi
