#!/usr/bin/env bash
# Validates the monitoring files with Prometheus' own promtool (Debian's prometheus package): the scrape config,
# the alert rules and their unit tests (alerts.test.yml), and the PromQL of every dashboard panel. The JUnit tests
# of deploy/ check the rest offline (names of metrics, runbooks, the k8s PrometheusRule in step with alerts.yml).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null; then
	install_prometheus() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >/dev/null; }
	install_prometheus || { apt-get update -q >/dev/null && install_prometheus; }
fi
promtool --version | head -n 1
# The dashboards' queries are pulled out with python3, which a minimal Debian may lack.
command -v python3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 >/dev/null

dir=config/monitoring/prometheus
promtool check config "$dir/prometheus.yml"
promtool test rules "$dir/alerts.test.yml"

# Each panel query becomes a recording rule (JSON is YAML), so promtool parses it; Grafana's variables get values.
rules=$(mktemp --suffix=.yml)
trap 'rm -f "$rules"' EXIT
python3 - "$rules" config/monitoring/grafana/dashboards/*.json <<'PY'
import json, sys
rules = []
for path in sys.argv[2:]:
	for panel in json.load(open(path))["panels"]:
		for target in panel.get("targets", []):
			expr = target["expr"].replace("$__rate_interval", "5m").replace("$application", "gateway")
			rules.append({"record": "dashboard_query_%d" % len(rules), "expr": expr})
json.dump({"groups": [{"name": "dashboards", "rules": rules}]}, open(sys.argv[1], "w"))
PY
promtool check rules "$rules"

echo "monitoring files: valid"
