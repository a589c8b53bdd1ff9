#!/usr/bin/env bash
# Install Debian/Ubuntu packages the project needs when they are missing, if we may (root with apt-get).
#   scripts/system-packages.sh python3-venv gettext
set -euo pipefail
[ $# -gt 0 ] || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
else
  echo "Missing system packages: $*. Install them (e.g. sudo apt-get install $*) and run again." >&2
  exit 1
fi
