"""Start and stop ``streamlit run streamlit_app.py`` for the tests and the benches.

One place decides how the app is started on 127.0.0.1 (the browser tests, the page bench,
the load test, the replicas behind nginx)::

    server = Streamlit(env=dict(os.environ, DLFS_CH4_CACHE=cache), log_path=log)
    ...  # server.url is ready: its health check answered
    server.stop()

``flags`` replaces the default command-line options (e.g. a replica's options read from
the systemd unit, ``bench/proxy.py``); ``launcher`` replaces ``python -m streamlit``
(the load test's timing wrapper).  Each server runs in its own process group, so
``stop`` and ``kill`` also end whatever it started.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_flags(port):
    """The options every local start uses: headless, on 127.0.0.1, no usage statistics, and no
    file watcher (as deployed): a source file saved while a test or a benchmark runs would make
    every session drop the project's modules at its next run, and sessions importing them at
    that moment fail with KeyError: 'core.sgd' (seen in the class of ten)."""
    return ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def flag(flags, name):
    """The value of ``--name`` in a list of command-line options (None when absent)."""
    for i, item in enumerate(flags[:-1]):
        if item == f"--{name}":
            return flags[i + 1]
    return None


class Streamlit:
    """``streamlit run streamlit_app.py`` on 127.0.0.1, started and ready (health check answered).

    port      the port (a free one by default)
    env       the whole environment (default: this process's)
    log_path  where stdout and stderr go (default: nowhere)
    flags     the options after ``run streamlit_app.py`` (default: ``default_flags(port)``,
              plus ``extra``); ``server.port`` and ``server.baseUrlPath`` are read from them
    launcher  the command in front of ``run`` (default: ``python -m streamlit``)
    cpus      pin the server to these CPUs (before it starts its threads)
    """

    def __init__(self, port=None, *, env=None, log_path=None, flags=None, extra=(), launcher=None, cpus=None,
                 timeout=60.0, cwd=ROOT):
        self.port = int(flag(flags, "server.port")) if flags else (port or free_port())
        self.flags = list(flags) if flags else default_flags(self.port) + list(extra)
        base = (flag(self.flags, "server.baseUrlPath") or "").strip("/")
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base}" if base else "")
        self.env = dict(os.environ if env is None else env)
        self.log_path = Path(log_path) if log_path else None
        self.launcher = list(launcher or [sys.executable, "-m", "streamlit"])
        self.cpus, self.timeout, self.cwd = cpus, timeout, cwd
        self.proc = self._log = None
        self.start()

    @property
    def pid(self):
        return self.proc.pid

    @property
    def pids(self):
        return [self.proc.pid]

    @property
    def procs(self):
        return [self.proc]

    def start(self):
        """Start the server (again, after ``stop`` or ``kill``: same port, same log, appended)."""
        out = subprocess.DEVNULL
        if self.log_path:
            self._log = out = open(self.log_path, "a")  # noqa: SIM115 - open while the server lives
        self.proc = subprocess.Popen(self.launcher + ["run", "streamlit_app.py", *self.flags], cwd=self.cwd,
                                     env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        if self.cpus:  # before Python starts its threads, which inherit it
            os.sched_setaffinity(self.proc.pid, self.cpus)
        deadline = time.monotonic() + self.timeout
        while not self.healthy():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"streamlit did not start on port {self.port}; see {self.log_path}")
            time.sleep(0.2)

    def healthy(self, timeout=2.0):
        try:
            with urllib.request.urlopen(self.url + "/_stcore/health", timeout=timeout) as r:
                return r.status == 200
        except OSError:
            return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def errors(self):
        """Lines of the log that report a failure (tracebacks, errors)."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines() if self.log_path else []
        except OSError:
            return []
        return [line for line in lines if ("Traceback" in line or "Error" in line or "Exception" in line)
                and '"GET /' not in line]  # the access log names JS chunks like ErrorElement.js

    def kill(self):
        """End the server at once (SIGKILL to its process group), as a crash would."""
        self._signal(signal.SIGKILL)
        self.proc.wait(10)
        self._close_log()

    def stop(self):
        """SIGTERM to the process group, SIGKILL after 10 s."""
        if self.alive():
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.wait(5)
        self._close_log()

    def _signal(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass

    def _close_log(self):
        if self._log:
            self._log.close()
            self._log = None
