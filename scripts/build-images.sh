#!/usr/bin/env bash
# Builds the services' container images with Jib as OCI tars (<module>/target/jib-image.tar), on the Debian JRE 21
# base from scripts/build-base-image.sh, so that no registry is needed. With --smoke, each image is also checked and
# started without a Docker engine: its layers are unpacked, and its own entrypoint runs as the image's user (non-root)
# in a chroot whose root file system is read-only but for /tmp, as in k8s/; its readiness probe must answer UP.
#
#   scripts/build-images.sh [--smoke] [module...]     default: every service and the web app
#
# Needs root for --smoke (mount namespaces). Where Docker Hub is reachable, plain `./mvnw -pl <module> jib:build`
# (or jib:dockerBuild) uses eclipse-temurin:21-jre instead (OPERATIONS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
portico_use_jdk21

smoke=false
if [ "${1:-}" = "--smoke" ]; then smoke=true; shift; fi
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(gateway auth-service account-service invoice-service payment-service usage-service web)

base="$PWD/target/images/debian-jre21.tar"
[ -f "$base" ] || scripts/build-base-image.sh "$base"
command -v jq >/dev/null || apt-get install -y --no-install-recommends jq >/dev/null \
	|| { apt-get update >/dev/null && apt-get install -y --no-install-recommends jq >/dev/null; }

list="$(IFS=,; echo "${modules[*]}")"
revision="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
./mvnw -q -pl "$list" -am install -DskipTests
./mvnw -q -pl "$list" jib:buildTar -Dportico.image.base="tar://$base" -Dportico.image.revision="$revision"

# The image's manifest and config, read from its OCI layout: index → manifest → config blob.
image_manifest() {
	cat "$1/blobs/sha256/$(jq -r '.manifests[0].digest' "$1/index.json" | cut -d: -f2)"
}

image_config() {
	cat "$1/blobs/sha256/$(image_manifest "$1" | jq -r '.config.digest' | cut -d: -f2)"
}

check_image() {
	local module="$1" dir="$2" config user
	config="$(image_config "$dir")"
	user="$(jq -r '.config.User' <<<"$config")"
	case "$user" in ""|0|0:*|root|root:*) echo "$module: image runs as root ($user)" >&2; return 1 ;; esac
	for label in title version revision; do
		[ -n "$(jq -r ".config.Labels[\"org.opencontainers.image.$label\"] // empty" <<<"$config")" ] \
			|| { echo "$module: OCI label $label missing" >&2; return 1; }
	done
	jq -e '.config.Entrypoint | index("-XX:+ExitOnOutOfMemoryError")' <<<"$config" >/dev/null \
		|| { echo "$module: entrypoint lacks the container JVM flags" >&2; return 1; }
	echo "$module: user $user, $(jq -r '.config.Labels["org.opencontainers.image.title"]' <<<"$config"):$(jq -r '.config.Labels["org.opencontainers.image.version"]' <<<"$config") ($(du -h "$module/target/jib-image.tar" | cut -f1))"
}

smoke_run() {
	local module="$1" dir="$2" root config port pid entrypoint env_args
	root="$(mktemp -d)"
	for layer in $(image_manifest "$dir" | jq -r '.layers[].digest' | cut -d: -f2); do
		tar --warning=no-unknown-keyword -xzf "$dir/blobs/sha256/$layer" -C "$root"
	done
	config="$(image_config "$dir")"
	port="$(jq -r '.config.ExposedPorts | keys[0]' <<<"$config" | cut -d/ -f1)"
	port=$((port + 20000))
	entrypoint="$(jq -r '.config.Entrypoint | map(@sh) | join(" ")' <<<"$config")"
	env_args="$(jq -r '.config.Env | map(@sh) | join(" ")' <<<"$config")"
	# Read-only root, writable /tmp, /proc of its own PID namespace, as the image's user: as a pod would run it.
	unshare --mount --pid --fork --kill-child sh -c "
		mount --bind '$root' '$root' && mount -o remount,bind,ro '$root' &&
		mount -t proc proc '$root/proc' && mount -t tmpfs tmpfs '$root/tmp' &&
		exec chroot --userspec='$(jq -r '.config.User' <<<"$config")' '$root' \
			env -i $env_args SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$((port + 1)) PORTICO_LOG_FORMAT= $entrypoint" \
		>"$root.log" 2>&1 &
	pid=$!
	local ok=false
	for _ in $(seq 1 90); do
		if curl -sf "http://127.0.0.1:$((port + 1))/actuator/health/readiness" | grep -q '"UP"'; then ok=true; break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	# unshare --fork ignores SIGTERM itself; the JVM (its child) shuts down gracefully on it, and unshare follows.
	pkill -TERM -P "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -rf "$root"
	if ! $ok; then
		echo "$module: the image did not start; its output:" >&2
		tail -40 "$root.log" >&2
		return 1
	fi
	echo "$module: started from its image (read-only root, non-root user), readiness UP"
	rm -f "$root.log"
}

for module in "${modules[@]}"; do
	dir="$(mktemp -d)"
	tar -xf "$module/target/jib-image.tar" -C "$dir"
	check_image "$module" "$dir"
	if $smoke; then smoke_run "$module" "$dir"; fi
	rm -rf "$dir"
done
