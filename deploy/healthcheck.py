"""Wait until a replica answers its health check: ``python deploy/healthcheck.py URL [--wait S]``.

Exit status 0 once ``URL`` (e.g. http://127.0.0.1:8501/ch4/_stcore/health) answers 200
"ok", 1 if it has not within ``--wait`` seconds (default: ask once).  The systemd unit
runs it after starting a replica, so ``systemctl start`` returns when the replica serves
and a rolling restart never takes two replicas down at once.  Standard library only.
"""
import argparse
import sys
import time
import urllib.request


def healthy(url, timeout=5.0):
    """True when ``url`` answers 200 with the body "ok"."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - the admin's own URL
            return response.status == 200 and response.read(16).strip() == b"ok"
    except OSError:
        return False


def wait(url, seconds, period=0.5):
    """Ask until healthy or ``seconds`` have passed; True when healthy."""
    deadline = time.monotonic() + seconds
    while True:
        if healthy(url):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(period)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to keep asking (default: once)")
    args = parser.parse_args(argv)
    ok = wait(args.url, args.wait)
    print(f"{args.url}: {'ok' if ok else 'not healthy'}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
