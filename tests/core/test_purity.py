"""core stays pure NumPy: no UI or data-frame library is imported, and none is named."""
import re
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN = ("streamlit", "altair", "pandas")


def test_importing_core_loads_no_ui_library():
    code = ("import sys, core, core.functions, core.gradient, core.mnist, core.sgd, core.train; "
            f"print([m for m in {FORBIDDEN!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=CORE.parent, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_no_module_of_core_imports_one():
    pattern = re.compile(rf"^\s*(import|from)\s+({'|'.join(FORBIDDEN)})\b", re.MULTILINE)
    offenders = [p.name for p in CORE.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_no_eval_exec_or_pickle_in_core():
    pattern = re.compile(r"(^|[^.\w])(eval|exec)\(|allow_pickle=True|import pickle")
    offenders = [p.name for p in CORE.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
