"""Every Python code block of the guide's answers runs (guide content, not the generator).

Each question's blocks run in order in one fresh interpreter, after the question's
setup file in tests/snippet_setup/<id>.py when the blocks expect data to exist
(`X_train`, a fitted model). Skipped without scikit-learn; a block that needs a library
not installed here (PyTorch) is skipped with its name.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from studyguide.loader import load_guide

pytest.importorskip("sklearn", reason="scikit-learn runs the answers' code blocks: pip install -r requirements-dev.txt")

SETUP = Path(__file__).resolve().parent / "snippet_setup"
_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.M | re.S)
_IMPORT = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.M)


def _snippets() -> list[tuple[str, str]]:
    guide = load_guide(ROOT / "questions")
    found = []
    for q in guide.questions:
        blocks = _BLOCK.findall(q.answer)
        if blocks:
            found.append((q.id, "\n\n".join(blocks)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("qid", "code"), _snippets(), ids=[qid for qid, _ in _snippets()])
def test_the_answer_code_runs(qid: str, code: str, tmp_path: Path) -> None:
    missing = sorted({name for name in _IMPORT.findall(code) if importlib.util.find_spec(name) is None})
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    setup = SETUP / f"{qid}.py"
    program = (setup.read_text(encoding="utf-8") + "\n\n" if setup.exists() else "") + code
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,  # the tuning example fits 200 boosted models
        env={"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
    )
    assert result.returncode == 0, f"{qid}:\n{result.stderr[-2000:]}"
