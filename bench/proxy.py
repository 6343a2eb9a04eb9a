"""The shipped deployment on one machine: replicas started as the systemd unit starts them,
behind nginx with the shipped site, templated only for ports and paths.

    deployment = Proxied(workdir, replicas=2)
    deployment.url            # http://127.0.0.1:<port>/ch4, through nginx
    deployment.replicas[0]    # a bench.serving.Streamlit (or what ``make_replica`` built)
    deployment.requests()     # nginx's access log, one dict per request
    deployment.stop()

nginx runs in the foreground, unprivileged (as ``nobody`` when this runs as root), with
its own prefix (configuration, logs, temporary files) in a fresh folder.  Debian's nginx
is enough (``tests/run.sh`` installs it).
"""
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.serving import ROOT, Streamlit, free_port

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "dlfs-ch4@.service"
SITE = DEPLOY / "nginx-dlfs-ch4.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# who asked (a cookie the tests set per browser session) and which replica answered
LOG_FORMAT = "$msec|$cookie_dlfs_student|$request_method|$uri|$status|$upstream_addr|$cookie_dlfs_ch4_replica"
LOG_FIELDS = ("time", "student", "method", "uri", "status", "upstream", "cookie")


def unit_settings(text=None):
    """The unit's [Service] settings: {key: [values]} (a key may repeat, e.g. Environment)."""
    text = UNIT.read_text() if text is None else text
    settings, section = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def unit_environment(text=None):
    """``Environment=`` of the unit: {name: value}."""
    return dict(item.split("=", 1) for item in unit_settings(text).get("Environment", []))


def unit_command(port, text=None):
    """The unit's ExecStart for instance ``port``: (executable, [arguments after it])."""
    argv = shlex.split(unit_settings(text)["ExecStart"][0].replace("%i", str(port)))
    return argv[0], argv[1:]


def replica_ports(site_text=None):
    """The replicas' ports in the shipped nginx site, in order (the "any" group's servers)."""
    site_text = SITE.read_text() if site_text is None else site_text
    group = re.search(r"upstream dlfs_ch4_any \{(.*?)\}", site_text, re.S).group(1)
    return [int(p) for p in re.findall(r"server 127\.0\.0\.1:(\d+)", group)]


def render_site(listen, ports, site_text=None):
    """The shipped site with nginx listening on 127.0.0.1:``listen`` and the replicas on ``ports``."""
    text = SITE.read_text() if site_text is None else site_text
    shipped = replica_ports(text)
    if len(ports) != len(shipped):
        raise ValueError(f"the site names {len(shipped)} replicas, not {len(ports)}")
    text = re.sub(r"\n\s*listen \[::\]:80;", "", text).replace("listen 80;", f"listen 127.0.0.1:{listen};")
    for old, new in zip(shipped, ports):
        text = re.sub(rf"\b{old}\b", str(new), text)
    return text


class Nginx:
    """nginx in the foreground with the given site, its prefix in a fresh folder."""

    def __init__(self, site_text, port):
        self.port = port
        self.prefix = Path(tempfile.mkdtemp(prefix="dlfs-nginx-"))
        for sub in ("tmp", "logs"):
            (self.prefix / sub).mkdir()
        (self.prefix / "site.conf").write_text(site_text)
        temp = " ".join(f"{kind}_temp_path {self.prefix}/tmp/{kind};"
                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.prefix / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {self.prefix}/nginx.pid;\n"
            f"error_log {self.prefix}/logs/error.log info;\nevents {{ worker_connections 1024; }}\n"
            f"http {{\n  {temp}\n  log_format replicas '{LOG_FORMAT}';\n"
            f"  access_log {self.prefix}/logs/access.log replicas;\n  include {self.prefix}/site.conf;\n}}\n")
        user = {}
        if os.geteuid() == 0:  # never root: the whole of nginx as nobody
            user = {"user": "nobody", "group": "nogroup"}
            for path in [self.prefix, *self.prefix.rglob("*")]:
                shutil.chown(path, **user)
        self.log_path = self.prefix / "logs" / "error.log"
        cmd = [NGINX, "-p", str(self.prefix), "-e", str(self.log_path), "-c", str(self.prefix / "nginx.conf")]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                     start_new_session=True, **user)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # 404 for /: nginx answers
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {self.error_log()[-2000:]}") from None
                time.sleep(0.1)

    @property
    def pid(self):
        return self.proc.pid

    def error_log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def requests(self):
        """The access log: [{time, student, method, uri, status, upstream, cookie}]."""
        try:
            lines = (self.prefix / "logs" / "access.log").read_text(errors="replace").splitlines()
        except OSError:
            return []
        return [dict(zip(LOG_FIELDS, line.split("|"))) for line in lines if line.count("|") == len(LOG_FIELDS) - 1]

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGQUIT)  # graceful: open websockets are closed
                self.proc.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(5)
        shutil.rmtree(self.prefix, ignore_errors=True)


def replica_flags(port, ttl=None):
    """A replica's options exactly as the unit starts it (``--server.disconnectedSessionTTL`` added
    when ``ttl`` is given, for tests that wait for sessions to expire)."""
    executable, args = unit_command(port)
    if Path(executable).name != "streamlit" or args[:2] != ["run", "streamlit_app.py"]:
        raise ValueError(f"the unit does not start `streamlit run streamlit_app.py`: {executable} {args}")
    return args[2:] + (["--server.disconnectedSessionTTL", str(ttl)] if ttl is not None else [])


def replica_env(workdir, base_env=None):
    """The unit's environment, with its paths moved into ``workdir`` (an empty MNIST cache: the
    embedded sample is used; an empty home that the app must not write to)."""
    env = {k: v for k, v in (os.environ if base_env is None else base_env).items() if not k.startswith("DLFS_")}
    env.update(unit_environment())
    for name in ("DLFS_CH4_CACHE", "HOME"):
        if name in env:
            path = Path(tempfile.mkdtemp(prefix=f"{name.lower()}-", dir=workdir))
            env[name] = str(path)
    return env


def stickiness(requests, prefix=""):
    """From nginx's log, for the students whose name starts with ``prefix``: the replicas that
    served each one ({student: [ports]}), the students each replica served ({port: n}, counting
    those served by one replica only), and the media requests that failed: images apart from
    downloads (a download button's file that a rerun has just replaced can 404 once on a
    single server too: the page asks for the old one while the new one is on its way)."""
    ports, media_ok, media_failed, downloads_failed = {}, 0, [], []
    for r in requests:
        if r["student"] in ("", "-") or not r["student"].startswith(prefix):
            continue
        if r["upstream"] not in ("", "-"):
            ports.setdefault(r["student"], set()).add(r["upstream"].rsplit(":", 1)[-1])  # the last one tried
        if "/media/" in r["uri"] and "/static/" not in r["uri"]:  # the app's files, not the front end's fonts
            if r["status"] in ("200", "304"):
                media_ok += 1
            else:
                failed = downloads_failed if r["uri"].endswith(".csv") else media_failed
                failed.append(f"{r['student']} {r['status']} {r['uri']}")
    students_by_replica = {}
    for served in ports.values():
        if len(served) == 1:
            port = next(iter(served))
            students_by_replica[port] = students_by_replica.get(port, 0) + 1
    return {"replicas_by_student": {s: sorted(p) for s, p in sorted(ports.items())},
            "students_by_replica": dict(sorted(students_by_replica.items())),
            "media_ok": media_ok, "media_failed": media_failed, "downloads_failed": downloads_failed}


class Proxied:
    """``replicas`` replicas as the unit starts them, behind nginx with the shipped site.

    ``make_replica(flags, env, log_path)`` builds a started replica (default:
    ``bench.serving.Streamlit``); the load test passes one that times the server's work.
    """

    def __init__(self, workdir, replicas=2, make_replica=None, ttl=None, env=None):
        self.workdir = Path(workdir)
        make_replica = make_replica or (lambda flags, env, log_path: Streamlit(flags=flags, env=env,
                                                                               log_path=log_path))
        self.replicas, self.nginx = [], None
        try:
            ports = [free_port() for _ in range(replicas)]
            for port in ports:
                self.replicas.append(make_replica(replica_flags(port, ttl), replica_env(self.workdir, env),
                                                  self.workdir / f"replica-{port}.log"))
            self.nginx = Nginx(render_site(listen := free_port(), ports), listen)
        except BaseException:
            self.stop()
            raise
        self.url = f"http://127.0.0.1:{listen}/ch4"

    @property
    def pids(self):
        """The replicas' processes."""
        return [r.pid for r in self.replicas]

    @property
    def proxy_pids(self):
        return [self.nginx.pid] if self.nginx else []

    @property
    def procs(self):
        return [r.proc for r in self.replicas] + ([self.nginx.proc] if self.nginx else [])

    @property
    def replica_urls(self):
        """Each replica's own address (not through nginx)."""
        return [r.url for r in self.replicas]

    def rss(self):
        """The replicas' resident memory together (bytes; replicas that can tell, e.g. the load test's)."""
        return sum(r.rss() for r in self.replicas)

    def served(self):
        """What the replicas' clocks timed since the last call (the load test's replicas)."""
        return [item for r in self.replicas for item in r.served()]

    def diagnose(self):
        return {r.port: r.diagnose() for r in self.replicas}

    def replica_at(self, port):
        return next(r for r in self.replicas if r.port == int(port))

    def requests(self):
        return self.nginx.requests() if self.nginx else []

    def errors(self):
        return [f"{r.port}: {line}" for r in self.replicas for line in r.errors()]

    def stop(self):
        if self.nginx:
            self.nginx.stop()
        for replica in self.replicas:
            replica.stop()
