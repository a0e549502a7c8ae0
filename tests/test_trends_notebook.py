"""The trends notebook opens and runs as it is (JupyterLab, cwd notebooks/) on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.briefs import charts, render

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
    assert "探索" not in page and "t.targets" not in page  # the explore cells stay in the lab
    explore = [c for c in nb.cells if "explore" in c.metadata.get("tags", [])]
    assert explore and all(c.cell_type == "markdown" or c.outputs for c in explore)
    for c in nb.cells:  # charts are outputs of their own, never SVG inside HTML
        for o in c.get("outputs", []):
            data = o.get("data", {})
            assert "<svg" not in str(data.get("text/html", ""))
            if "image/svg+xml" in data:
                assert charts.VEGALITE_MIME in data
