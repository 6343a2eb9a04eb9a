#!/usr/bin/env sh
# Install what the tests need, then run them all:
#   a virtual environment with requirements-dev.txt; for the browser tests, Debian's
#   Chromium and Chinese fonts; for the deployment tests, nginx and systemd-analyze
#   (apt-get; sudo when not root).
# Extra arguments go to pytest, e.g. `sh tests/run.sh tests/core -q`.
set -eu
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
need=""
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need="chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || need="$need fonts-noto-cjk"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
command -v systemd-analyze >/dev/null 2>&1 || need="$need systemd"
if [ -n "$need" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing $need for the browser and deployment tests" >&2
  $sudo apt-get install -y -q $need >/dev/null || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q $need >/dev/null; }
fi
exec .venv/bin/python -m pytest "$@"
