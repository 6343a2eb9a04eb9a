#!/usr/bin/env sh
# Install what the tests need, then run them all:
#   a virtual environment with requirements-dev.txt; for the browser tests, Debian's
#   Chromium and Chinese fonts; for the deployment tests, nginx and systemd-analyze
#   (apt-get; sudo when not root).
# Extra arguments go to one pytest run instead, e.g. `sh tests/run.sh tests/core -q`.
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
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
# Without arguments: the core and app groups (no browser, CPU-bound) in two processes, one
# test file per process at a time; then the browser groups (e2e, deploy, load), one test at a
# time, as they measure a shared server and browser. Both always run; either failing fails.
status=0
.venv/bin/python -m pytest tests/core tests/app -n "${TEST_WORKERS:-2}" --dist loadfile || status=$?
.venv/bin/python -m pytest tests/e2e tests/deploy tests/load || status=$?
exit $status
