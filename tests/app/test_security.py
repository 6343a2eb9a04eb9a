"""What a host relies on: no code path that could run or unpickle input, and the shipped config."""
import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"),
                  *(ROOT / "core").rglob("*.py")])
# calls that would run text as code or hand it to a shell (re.compile is fine: an attribute)
FORBIDDEN_NAMES = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRIBUTES = {"eval", "exec", "system", "popen", "getoutput", "getstatusoutput"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "subprocess"}


def _offences(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if (isinstance(fn, ast.Name) and fn.id in FORBIDDEN_NAMES
                    or isinstance(fn, ast.Attribute) and fn.attr in FORBIDDEN_ATTRIBUTES):
                found.append(f"{path.name}:{node.lineno} calls {ast.unparse(fn)}")
            for kw in node.keywords:
                if kw.arg in ("allow_pickle", "shell") and not (isinstance(kw.value, ast.Constant)
                                                                and kw.value.value is False):
                    found.append(f"{path.name}:{node.lineno} passes {kw.arg}=")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{path.name}:{node.lineno} imports {n}" for n in names
                      if n.split(".")[0] in FORBIDDEN_MODULES]
    return found


def test_the_sources_are_all_checked():
    names = {p.relative_to(ROOT).as_posix() for p in SOURCES}
    assert {"streamlit_app.py", "pages/5_training.py", "ui/shell.py", "core/expression.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_code_path_runs_or_unpickles_input(path):
    assert _offences(path) == []


def test_the_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nimport os, re\nos.system('x')\neval('1')\nre.compile('a')\n"
                   "import numpy as np\nnp.load('f', allow_pickle=True)\n")
    assert len(_offences(bad)) == 4  # all but re.compile


def test_hosted_config_is_safe():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False
    assert 1 <= config["server"]["maxUploadSize"] <= 10  # MB: weights files on the inside page (5 MB), digit images (1 MB, checked by the page)
    assert config["runner"]["postScriptGC"] is False  # a full collection per redraw starves a class


def test_runtime_dependencies_are_pinned():
    lines = [ln.split("#")[0].strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    requirements = [ln for ln in lines if ln]
    assert requirements and all("==" in ln for ln in requirements), requirements
