"""HTML building blocks shared by the year brief and the trends brief.

Every string from a report reaches the page through :func:`html.escape`: a header cell or a
caption here, a table cell by the caller (cells are HTML, so callers can mark a figure).
"""

from __future__ import annotations

import html


def table(
    header: list[str], rows: list[list[str]], cls: str = "brief-table", widths: list[str] = ()
) -> str:
    """An HTML table; ``header`` is escaped here, ``rows`` cells must already be HTML.
    ``widths`` are CSS widths of the columns (the template lays tables out from them)."""
    cols = "".join(f'<col style="width:{w}">' if w else "<col>" for w in widths)
    group = f"<colgroup>{cols}</colgroup>" if cols else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (
        f'<table class="{cls}">{group}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def figure(svg: str | None, caption: str = "") -> str:
    """An inline SVG chart with its caption; '' when there is no chart."""
    if not svg:
        return ""
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="brief-chart">{svg}{cap}</figure>'


def note(text: str) -> str:
    """A note paragraph."""
    return f'<p class="brief-note">{html.escape(text)}</p>'
