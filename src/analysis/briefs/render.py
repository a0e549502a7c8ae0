"""Executed notebook → offline HTML (nbconvert, in-process) → A4 PDF (WeasyPrint, in-process).

The same executed content always gives the same HTML bytes: :func:`clean_notebook` removes
what changes between runs (execution counts, papermill timestamps and durations, random cell
ids, stderr chatter) before export.
"""

from __future__ import annotations

import copy
import logging
import re
from functools import lru_cache
from pathlib import Path

import nbformat

from analysis.store import atomic_path

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "brief"
#: The cell tag of the notebooks' explore section, left out of exported briefs.
EXPLORE = "explore"


def clean_notebook(nb: nbformat.NotebookNode, title: str = "") -> nbformat.NotebookNode:
    """A copy of ``nb`` without volatile metadata, execution counts or stderr streams.

    Cell ids become ``cell-<n>`` (papermill gives its injected cell a random one); ``title``
    (when given) becomes the page title.
    """
    nb = copy.deepcopy(nb)
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    if title:
        nb.metadata["title"] = title
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        for key in ("papermill", "execution", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        outputs = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                continue  # warnings and library chatter: kept in the .ipynb, not handed out
            if "execution_count" in out:
                out["execution_count"] = None
            out.pop("metadata", None) if out.get("output_type") == "stream" else None
            outputs.append(out)
        cell.outputs = outputs
    return nb


@lru_cache(maxsize=1)
def _exporter():
    """One configured HTMLExporter per process (building it costs ~0.25 s)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    # Cells tagged ``explore`` are for JupyterLab only (the indicator table, example queries).
    config = Config({"TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": {EXPLORE}}})
    exporter = HTMLExporter(
        config=config,
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE,
    )
    # A chart output carries its Vega-Lite spec and its SVG: the page gets the SVG, since
    # nbconvert's display_data_priority has no Vega-Lite type (tests/test_render.py checks).
    exporter.exclude_anchor_links = True
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.language_code = "zh"
    exporter.embed_images = True
    return exporter


def to_html(nb: nbformat.NotebookNode, title: str = "") -> str:
    """The notebook as one self-contained HTML page: no code, no script, no network reference."""
    from analysis.briefs.blocks import phone_css

    resources = {"phone_css": phone_css()}
    # A notebook run with a ``language`` parameter (the comparison's English page) says so.
    language = nb.metadata.get("papermill", {}).get("parameters", {}).get("language", "zh")
    body, _ = _exporter().from_notebook_node(clean_notebook(nb, title), resources=resources)
    if language != "zh":
        body = body.replace('<html lang="zh">', f'<html lang="{language}">', 1)
    return body


def notebook_title(nb: nbformat.NotebookNode) -> str:
    """The text of the first ``<h1>`` the notebook outputs (the brief's title), else ''."""
    import html
    import re

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get("text/html", "")
            data = "".join(data) if isinstance(data, list) else data
            m = re.search(r"<h1>(.*?)</h1>", data, re.S)
            if m:
                return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
    return ""


def _quiet_weasyprint() -> None:
    """WeasyPrint warns about every lab CSS property it does not support: noise, not errors."""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
#: What the print stylesheet hides (``display: none``), removed before WeasyPrint sees it: the
#: evidence section (details.html.j2, holds no nested section), the comparison's ``tr.more``
#: source rows and screen-only notes (report text inside is escaped, so no closing tag occurs
#: in it) and the charts' phone layouts (an SVG holds no ``</div>``).
_SCREEN_ONLY = re.compile(
    r'<section class="brief-block brief-full">.*?</section>|<tr class="more">.*?</tr>'
    r'|<p class="brief-note compare-screen-only">.*?</p>'
    r'|<div class="jp-RenderedSVG jp-OutputArea-output chart-narrow"[^>]*>.*?</div>',
    re.S,
)


def print_html(html_text: str) -> str:
    """The page for print: JupyterLab's screen stylesheets dropped, the brief's own kept, and
    the parts print hides anyway left out.

    Lab lays outputs out with CSS tables and flex boxes, and WeasyPrint then moves whole
    sections to the next page, leaving pages half empty; the brief's stylesheet
    (``id="brief-css"``) styles everything the brief shows. Also ~1 s faster per PDF.
    WeasyPrint computes the style of every element, shown or not: the per-section figure tables
    (screen only) are ~80% of a provincial brief's elements, and half its PDF time.
    """
    page = _STYLE.sub(lambda m: m.group(0) if 'id="brief-css"' in m.group(0) else "", html_text)
    return _SCREEN_ONLY.sub("", page)


def html_to_pdf(html_text: str, out: str | Path, base_url: str | Path | None = None) -> None:
    """Render ``html_text`` to an A4 PDF at ``out`` (atomically), fonts embedded, SVG as vectors."""
    import weasyprint

    _quiet_weasyprint()
    page = print_html(html_text)
    doc = weasyprint.HTML(string=page, base_url=str(base_url) if base_url else None)
    with atomic_path(out) as tmp:
        doc.write_pdf(str(tmp))


def write_text(text: str, out: str | Path) -> None:
    """Write ``text`` as UTF-8 to ``out`` atomically."""
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_notebook(nb: nbformat.NotebookNode, out: str | Path) -> None:
    """Write ``nb`` to ``out`` atomically."""
    with atomic_path(out) as tmp:
        nbformat.write(nb, str(tmp))
