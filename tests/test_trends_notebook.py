"""The trends notebook opens and runs as it is (JupyterLab, cwd notebooks/) on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.briefs import render

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "trends.ipynb"


@pytest.mark.slow
def test_trends_notebook_runs_with_its_defaults(tmp_path: Path) -> None:
    import papermill as pm

    nb = pm.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "trends.ipynb"), cwd=str(NOTEBOOK.parent),
        progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    assert nb.cells[0].metadata.get("tags") == ["parameters"]
    page = render.to_html(nb, render.notebook_title(nb))
    assert "某县" in page and "2023" in page
