#!/usr/bin/env bash
# Builds a Java 21 base image from Debian packages, for machines that cannot pull eclipse-temurin:21-jre (no Docker
# Hub): a minimal Debian trixie root file system with openjdk-21-jre-headless (bookworm's JRE is 17, too old for our
# bytecode), written as a `docker save`-style tar that Jib takes as `tar://` base (scripts/build-images.sh).
#
#   scripts/build-base-image.sh [OUT.tar]     default: target/images/debian-jre21.tar
#
# Needs root (mmdebstrap, installed from apt when missing) and Debian's package mirror; ~1 minute.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/images/debian-jre21.tar}"
suite="${PORTICO_BASE_SUITE:-trixie}"
mirror="${PORTICO_BASE_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$(dirname "$out")"

if ! command -v mmdebstrap >/dev/null; then
	apt-get install -y --no-install-recommends mmdebstrap >/dev/null 2>&1 \
		|| { apt-get update >/dev/null && apt-get install -y --no-install-recommends mmdebstrap >/dev/null; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The root file system is the image's only layer. Fixed timestamps (SOURCE_DATE_EPOCH) keep it stable from run to run
# as long as the packages are the same.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1704067200}"
mmdebstrap --quiet --variant=apt --include=openjdk-21-jre-headless,ca-certificates,tzdata \
	--customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
	--customize-hook='mkdir -p "$1"/app && chmod 1777 "$1"/tmp' \
	"$suite" "$work/layer.tar" "$mirror"

java_home="$(tar -tf "$work/layer.tar" | grep -o '^\./usr/lib/jvm/java-21-openjdk-[a-z0-9]*/$' | head -1 | sed 's#^\.##; s#/$##')"
[ -n "$java_home" ] || { echo "openjdk-21 not found in the root file system" >&2; exit 1; }

diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.description":"Debian $suite with openjdk-21-jre-headless, built by scripts/build-base-image.sh"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"mmdebstrap --variant=apt --include=openjdk-21-jre-headless,ca-certificates,tzdata $suite"}]}
EOF
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/$config_id.json"
mkdir -p "$work/${diff_id#sha256:}"
mv "$work/layer.tar" "$work/${diff_id#sha256:}/layer.tar"
printf '[{"Config":"%s.json","RepoTags":["portico/debian-jre21:%s"],"Layers":["%s/layer.tar"]}]\n' \
	"$config_id" "$suite" "${diff_id#sha256:}" >"$work/manifest.json"
tar -C "$work" --owner=0 --group=0 --mtime="@$SOURCE_DATE_EPOCH" -cf "$out" \
	manifest.json "$config_id.json" "${diff_id#sha256:}/layer.tar"
echo "$out: Debian $suite, JAVA_HOME=$java_home, $(du -h "$out" | cut -f1)"
