"""A brief is brief: real rendered PDFs of long reports have at most four A4 pages.

The sample, the longest national report (1955, ~57,000 characters) and the longest provincial
one (广东 2026) as the session's batch printed them (``corpus_batch`` in conftest); and the
national trends brief over every report since 1954, run through notebooks/trends.ipynb as
JupyterLab would (cwd notebooks/), exported and printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.briefs import render

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
MAX_PAGES = 4


def render_pdf(notebook: str, out: Path, **params) -> Path:
    """Execute ``notebook`` with ``params``, export it and print it; the PDF's path."""
    import papermill as pm

    nb = pm.execute_notebook(
        str(NOTEBOOKS / notebook), str(out / notebook), parameters=params,
        cwd=str(NOTEBOOKS), progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    page = render.to_html(nb, render.notebook_title(nb))
    pdf = out / notebook.replace(".ipynb", ".pdf")
    render.html_to_pdf(page, pdf, base_url=out)
    return pdf


def pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(str(pdf)).pages]


def assert_brief(pdf: Path, *page_one: str) -> None:
    text = pages(pdf)
    assert 1 <= len(text) <= MAX_PAGES, (pdf, len(text))
    for words in ("核心指标", *page_one):
        assert words in text[0], words
    assert "各部分要点" in "".join(text)
    assert "原句" not in "".join(text)  # the evidence stays in the HTML and the CSV


def test_sample_brief_fits(corpus_batch):
    assert_brief(corpus_batch / "mouxian" / "2023" / "brief.pdf", "某县2023年", "2023年预期目标")


def test_longest_national_brief_fits(corpus_batch):
    assert_brief(corpus_batch / "national" / "1955" / "brief.pdf", "全国1955年")


def test_longest_provincial_brief_fits(corpus_batch):
    pdf = corpus_batch / "广东省" / "2026" / "brief.pdf"
    assert_brief(pdf, "广东省2026年", "2026年预期目标", "核心指标增速")
    # The key figures are 2025's as the targets table picks them: not 2020's base (11.37).
    first = "".join(pages(pdf)[0].split())
    assert "14.58万亿元" in first and "11.37万亿元" not in first


def test_national_trends_fit(tmp_path, corpus_dir, national):
    # The session's extractions, stored as a batch stores them: the notebook reads them.
    from analysis.extracted import extraction_key, write_extraction

    for year, (report, table) in national.items():
        write_extraction(report, table, tmp_path / str(year), extraction_key(report.path))
    pdf = render_pdf("trends.ipynb", tmp_path, region="national", data_dir=str(corpus_dir),
                     out_dir=str(tmp_path))  # fmt: skip
    text = pages(pdf)
    assert len(text) <= MAX_PAGES, len(text)
    assert "核心指标走势" in text[0] and "目标与实际" in "".join(text)
