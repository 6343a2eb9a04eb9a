"""The deploy kit as shipped: the systemd unit passes systemd-analyze, the nginx site parses, and
the unit, the site, the app's config and README's "Host it for a class" agree on ports,
paths and limits."""
import re
import shutil
import subprocess
import tomllib

import pytest

from bench.proxy import NGINX, SITE, UNIT, replica_ports, unit_command, unit_environment, unit_settings
from bench.serving import ROOT, flag

APP_DIR = "/opt/dlfs-ch4"
README = (ROOT / "README.md").read_text()


def _section(title):
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end > 0 else None]


HOST = _section("Host it for a class")


def _toml_blocks(text):
    return [tomllib.loads(block) for block in re.findall(r"```toml\n(.*?)```", text, re.S)]


def _analyze(tmp_path, *args, unit_text=None):
    """systemd-analyze on the unit as instance 8501, its paths moved to this checkout
    (systemd-analyze checks that the programs it names exist)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze not found: run tests/run.sh (Debian package systemd)")
    unit = tmp_path / "dlfs-ch4@8501.service"
    unit.write_text((UNIT.read_text() if unit_text is None else unit_text).replace(APP_DIR, str(ROOT)))
    return subprocess.run([analyze, *args, str(unit)], capture_output=True, text=True, timeout=60)


def test_the_unit_passes_systemd_analyze_verify(tmp_path):
    done = _analyze(tmp_path, "verify")
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_systemd_analyze_verify_reports_a_broken_unit(tmp_path):
    broken = UNIT.read_text().replace("ProtectSystem=strict", "ProtectSystem=very").replace(
        f"{APP_DIR}/.venv/bin/streamlit", f"{APP_DIR}/.venv/bin/no-such-program")
    done = _analyze(tmp_path, "verify", unit_text=broken)
    assert "protect system" in done.stderr.lower() and "no-such-program" in done.stderr


def test_the_unit_is_sandboxed(tmp_path):
    """systemd's own exposure score for the unit's sandboxing (0 = locked down, 10 = none)."""
    done = _analyze(tmp_path, "security", "--offline=yes", "--no-pager")
    score = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", done.stdout).group(1))
    assert score <= 2.0, done.stdout[-3000:]


def test_the_shipped_nginx_site_parses_as_is(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{ include {SITE}; }}\n")
    done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_unit_site_and_readme_agree_on_ports_and_paths():
    settings, env = unit_settings(), unit_environment()
    executable, args = unit_command(8501)
    # the app's folder
    assert settings["WorkingDirectory"] == [APP_DIR]
    assert executable == f"{APP_DIR}/.venv/bin/streamlit" and args[:2] == ["run", "streamlit_app.py"]
    assert re.search(rf"git clone \S+ {APP_DIR}\n", HOST)
    # each replica listens on 127.0.0.1 on its instance's port; nginx and README name the same ports
    assert flag(args, "server.address") == "127.0.0.1" and flag(args, "server.port") == "8501"
    ports = replica_ports()
    assert ports == [8501, 8502]
    enabled = re.search(r"systemctl enable --now ((?:dlfs-ch4@\d+ ?)+)", HOST).group(1)
    assert [int(p) for p in re.findall(r"@(\d+)", enabled)] == ports
    # the path prefix: the app's base URL, nginx's location, README's address and health check
    prefix = flag(args, "server.baseUrlPath")
    site = SITE.read_text()
    assert prefix == "ch4"
    assert re.search(rf"location /{prefix}/ \{{", site) and f"Path=/{prefix}/;" in site
    assert f"https://ch4.example.org/{prefix}/" in HOST and f"/{prefix}/_stcore/health" in HOST
    assert settings["ExecStartPost"][0].split()[2] == f"http://127.0.0.1:%i/{prefix}/_stcore/health"
    # the cache folder systemd creates is the one the app downloads into
    assert env["DLFS_CH4_CACHE"] == f"/var/cache/{settings['CacheDirectory'][0]}"
    assert env["MALLOC_ARENA_MAX"] == "2"
    # every file README tells the admin to copy exists
    copied = re.findall(r"sudo cp (deploy/\S+)", HOST)
    assert set(copied) == {"deploy/dlfs-ch4@.service", "deploy/nginx-dlfs-ch4.conf"}
    assert all((ROOT / path).is_file() for path in copied)


def test_the_request_cap_is_the_apps_upload_limit():
    """nginx refuses bodies over the app's upload limit plus the 1 MB Streamlit allows for
    the multipart framing (a file of exactly the limit must still get through)."""
    upload_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    caps = re.findall(r"client_max_body_size (\d+)m;", SITE.read_text())
    assert caps and set(caps) == {str(upload_mb + 1)}


def test_limits_agree_between_unit_and_readme():
    """README's limits (Reliability, and the secrets to paste into Community Cloud) are those
    of one server; the unit's are the same, but the runs at once are shared out between the
    replicas: cores / replicas each."""
    reliability = _toml_blocks(_section("Reliability"))
    cloud = _toml_blocks(HOST)
    assert reliability and cloud and cloud[0] == reliability[0]
    one_server = reliability[0]["limits"]
    unit = {name[len("DLFS_"):].lower(): int(value) for name, value in unit_environment().items()
            if name.startswith("DLFS_MAX_")}
    assert set(unit) == set(one_server)
    replicas = len(replica_ports())
    for name, value in one_server.items():
        expected = value // replicas if name == "max_concurrent_runs" else value
        assert unit[name] == expected, name


def test_community_cloud_needs_nothing_the_local_run_does_not():
    """The Cloud installs requirements.txt and, if present, packages.txt (apt): the runtime
    needs no system package, and no secret is committed."""
    assert not (ROOT / "packages.txt").exists()
    requirements = (ROOT / "requirements.txt").read_text()
    for tool in ("pytest", "playwright", "hypothesis"):
        assert tool not in requirements
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT)
    assert ignored.returncode == 0
    assert "streamlit_app.py" in HOST and "requirements.txt" in HOST


def test_the_dask_sweep_settings_are_dask_settings_and_readme_gives_them():
    """Each key of deploy/dask-sweep.yaml names one of Dask's own settings (a misspelt or renamed
    key would be kept by Dask and do nothing), changes it, and README starts the cluster with it."""
    import dask
    import distributed  # noqa: F401 - loads the distributed.* defaults

    from bench.bench_sweep import sweep_settings

    settings = sweep_settings()
    missing = object()
    for key, value in settings.items():
        default = dask.config.get(key, default=missing)
        assert default is not missing, f"{key} is not a Dask setting"
        assert value != default, f"{key} is Dask's default already"
    scale_out = _section("Sweep learning rate × batch size").partition("### Scale-out")[2]
    assert scale_out.count("DASK_CONFIG=deploy/dask-sweep.yaml") >= 2  # the scheduler and the workers
