#!/usr/bin/env bash
# Debian's Chromium for the web app's browser journeys (e2e WebJourneysIT), from apt: the only browser source this
# project uses. Does nothing when /usr/bin/chromium is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo > /dev/null || { echo "install-chromium: need root or sudo for apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
echo "Installing Chromium from apt (browser journeys) ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium > /dev/null 2>&1 \
  || { $SUDO apt-get update > /dev/null && $SUDO apt-get install -y --no-install-recommends chromium > /dev/null; }
/usr/bin/chromium --version
