"""Process-wide settings of a server shared by many sessions (ui/server.py)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _in_fresh_process(code):
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_app_runs_blas_on_one_thread_per_call():
    code = ("from threadpoolctl import threadpool_info, threadpool_limits\n"
            "threadpool_limits(2, 'blas')\n"            # as a 2-core machine would start
            "import ui.shell\n"                          # what every page imports
            "print(sorted({i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'}))")
    assert _in_fresh_process(code) == "[1]"


def test_a_collector_thread_keeps_memory_in_check():
    code = ("import threading, ui.shell\n"
            "print([t.name for t in threading.enumerate() if t.name == 'memory-collect' and t.daemon])")
    assert _in_fresh_process(code) == "['memory-collect']"
