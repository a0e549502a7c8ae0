"""HTML blocks of the briefs, rendered from Jinja2 templates with autoescaping.

Every value a template receives is escaped on output (``autoescape=True`` for every
template), so report text holding ``<script>`` shows as text: no block builds markup by hand.
The templates live in ``templates/blocks/``; the phone stylesheet every page inlines is
``templates/phone.css`` (:func:`phone_css`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment of the blocks: autoescape on, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "blocks"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """``templates/blocks/<template>`` rendered with ``context`` (every value escaped)."""
    return environment().get_template(template).render(**context).strip()


@lru_cache(maxsize=1)
def phone_css() -> str:
    """The stylesheet that keeps a page inside a 390 px phone screen: even margins, running
    text wraps (long tokens too), wide tables and charts scroll inside their own box.

    Any page (brief, trends, index) inlines it in a ``<style>`` element."""
    return (TEMPLATES / "phone.css").read_text(encoding="utf-8")


def safe_url(url: object) -> str:
    """``url`` when it is an http(s) URL, else '' (a ``javascript:`` link is never made)."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else ""


def table(
    header: list[str],
    rows: list[list[Any]],
    cls: str = "brief-table",
    widths: list[str] | tuple[str, ...] = (),
    caption: str = "",
) -> dict[str, Any]:
    """A table for the templates: ``rows`` of cells (text, or a mapping, see ``_macros``).

    A table of more than :data:`LONG_TABLE` rows is marked ``brief-table-long``: print keeps a
    shorter table whole on one page, and lets a long one continue on the next (its header
    repeated) rather than leave half a page blank."""
    if len(rows) > LONG_TABLE:
        cls += " brief-table-long"
    return {"header": header, "rows": rows, "cls": cls, "widths": list(widths), "caption": caption}


#: Rows up to which a printed table is kept on one page (see :func:`table`).
LONG_TABLE = 10


def section(
    heading: str = "",
    paragraphs: list[str] | tuple[str, ...] = (),
    notes: list[str] | tuple[str, ...] = (),
    tables: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
    cls: str = "",
) -> dict[str, Any]:
    """A titled block for the templates (``_macros.block``)."""
    return {
        "heading": heading,
        "paragraphs": list(paragraphs),
        "notes": list(notes),
        "tables": list(tables),
        "cls": cls,
    }


def section_html(**kwargs: Any) -> str:
    """One block (see :func:`section`) as HTML."""
    return render("section.html.j2", s=section(**kwargs))


def pair_html(*sections: dict[str, Any]) -> str:
    """Blocks side by side on a wide page or in print, stacked on a phone."""
    return render("pair.html.j2", blocks=[s for s in sections if s])
