#!/usr/bin/env bash
# Validates docker-compose.yml with the real tool, without a Docker daemon: Debian's docker-compose 1.29 checks the
# file against the Compose schema (unknown keys fail), interpolates .env.example and resolves anchors and profiles.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null; then
	install_compose() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null; }
	# The package lists are refreshed only when the cached ones do not have it.
	install_compose || { apt-get update -q >/dev/null && install_compose; }
fi
docker-compose version --short

docker-compose -f docker-compose.yml --env-file .env.example config -q
docker-compose -f docker-compose.yml --env-file .env.example --profile monitoring config -q
# Every secret is required: with an empty .env the file must not resolve.
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
if docker-compose -f docker-compose.yml --env-file "$empty" config -q 2>/dev/null; then
	echo "docker-compose.yml resolves without .env: some secret has a default" >&2
	exit 1
fi
echo "docker-compose.yml: valid (default and monitoring profiles)"
