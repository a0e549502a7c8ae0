"""Phones: at 390 CSS px no running text reaches past the screen, margins are even, wide
tables and charts scroll inside their own box, long tokens wrap.

Measured in real headless Chromium (Debian's ``chromium``): each page is laid out in a 390 px
iframe of one wrapper page (one browser start for all pages), and a script reports where
headings, paragraphs, table boxes and charts end.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.briefs import blocks

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PHONE = 390
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: Runs in the wrapper page: lays out every iframe and lists what sticks out of the screen.
MEASURE = r"""
function measure(frame) {
  var doc = frame.contentDocument, win = frame.contentWindow;
  var W = doc.documentElement.clientWidth, bad = [];
  function scrollBox(el) {
    for (var a = el.parentElement; a && a !== doc.body; a = a.parentElement) {
      var ox = win.getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll') return a;
    }
    return null;
  }
  function name(el) { return el.tagName.toLowerCase() + ' ' + (el.textContent || '').trim().slice(0, 20); }
  var text = doc.querySelectorAll('h1, h2, h3, h4, p, li, summary, figcaption, dd, dt');
  var wide = doc.querySelectorAll('table, svg, pre, img');
  var lefts = [], rights = [];
  text.forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (!r.width || el.closest('table, svg')) return;
    // Where the text itself ends (a box may fit while an unbroken token runs past it).
    var range = doc.createRange(); range.selectNodeContents(el);
    var t = range.getBoundingClientRect();
    var right = Math.max(r.right, t.right), left = Math.min(r.left, t.width ? t.left : r.left);
    if (right > W + 0.5 || left < -0.5) bad.push(name(el) + ' ' + Math.round(left) + '..' + Math.round(right));
    if (/^H[123]$/.test(el.tagName)) { lefts.push(r.left); rights.push(W - r.right); }
  });
  wide.forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (!r.width || el.parentElement.closest('svg')) return;
    if (r.right <= W + 0.5) return;
    var box = scrollBox(el);
    if (!box || box.getBoundingClientRect().right > W + 0.5) bad.push(name(el) + ' ' + Math.round(r.right) + ' not in a scroll box');
  });
  // The smallest chart text as the phone shows it (a chart scaled to fit shrinks its text).
  var chartPx = 1e9;
  doc.querySelectorAll('svg').forEach(function (s) {
    var r = s.getBoundingClientRect(), vb = s.viewBox && s.viewBox.baseVal;
    if (r.width < 40 || r.height < 40 || s.parentElement.closest('svg')) return;
    var scale = (vb && vb.width) ? r.width / vb.width : 1;
    s.querySelectorAll('text').forEach(function (t) {
      if (t.textContent.trim()) chartPx = Math.min(chartPx, parseFloat(win.getComputedStyle(t).fontSize) * scale);
    });
  });
  return {W: W, scrollW: doc.documentElement.scrollWidth, bad: bad, chartPx: chartPx,
          left: Math.min.apply(null, lefts), right: Math.min.apply(null, rights),
          leftMax: Math.max.apply(null, lefts), n: text.length};
}
"""


def measure(pages: dict[str, Path], tmp: Path) -> dict[str, dict]:
    """Lay each page out 390 px wide in one headless Chromium run; measurements by name."""
    frames = "".join(
        f'<iframe id="f{i}" src="{p.resolve().as_uri()}" style="width:{PHONE}px;height:900px;'
        f'border:0;display:block"></iframe>'
        for i, p in enumerate(pages.values())
    )
    wrapper = tmp / "phone.html"
    wrapper.write_text(
        f"<!doctype html><body style='margin:0'>{frames}<pre id='out'>pending</pre><script>"
        f"{MEASURE}\nwindow.addEventListener('load', function () {{ var res = [];"
        f" for (var i = 0; i < {len(pages)}; i++) res.push(measure(document.getElementById('f' + i)));"
        f" document.getElementById('out').textContent = 'RESULT' + JSON.stringify(res) + 'END'; }});"
        f"</script></body>",
        encoding="utf-8",
    )
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={tmp / 'profile'}",
         "--window-size=500,900", "--virtual-time-budget=10000", "--dump-dom", wrapper.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    found = re.search(r"RESULT(.*?)END", dom, re.S)
    assert found, f"the measuring script did not run: {dom[:300]}"
    return dict(zip(pages, json.loads(html.unescape(found.group(1))), strict=True))


def plain_page(tmp: Path) -> Path:
    """A page with nothing but the shared phone CSS (as the index inlines it): a long title,
    an unbroken token, a wide table in its scroll box."""
    token = "x" * 120
    rows = "".join(f"<td>{'很长的单元格内容' * 3}</td>" for _ in range(8))
    page = tmp / "plain.html"
    page.write_text(
        f"<!doctype html><html><head><style>{blocks.phone_css()}</style></head><body><main>"
        f"<h1>{'各地区政府工作报告数据简报' * 3}</h1><p>{token}</p>"
        f"<p>https://www.gd.gov.cn/gkmlpt/content/4/4851/post_4851130.html?{token}</p>"
        f'<div class="brief-scroll"><table><tr>{rows}</tr></table></div></main></body></html>',
        encoding="utf-8",
    )
    return page


#: Every kind of HTML output, from the session's batch (``corpus_batch`` in conftest).
PAGES = {
    "brief": "广东省/2026/brief.html",
    "sample": "mouxian/2023/brief.html",
    "trends": "national/trends.html",
    "compare": "compare/2026/compare.html",
    "compare_en": "compare/2026/compare.en.html",
    "source": "广东省/2026/source.html",
    "index": "index.html",
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory, corpus_batch) -> dict[str, dict]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/system-deps.sh installs it as root)")
    tmp = tmp_path_factory.mktemp("phone")
    pages = {name: corpus_batch / path for name, path in PAGES.items()}
    return measure(pages | {"plain": plain_page(tmp)}, tmp)


@pytest.mark.parametrize("page", [*PAGES, "plain"])
def test_no_text_past_the_screen(measured, page):
    m = measured[page]
    assert m["W"] == PHONE and m["n"] >= 3
    assert m["bad"] == [], m["bad"]
    assert m["scrollW"] <= PHONE  # the page itself never scrolls sideways


@pytest.mark.parametrize("page", [*PAGES, "plain"])
def test_even_margins(measured, page):
    m = measured[page]
    assert m["left"] >= 8 and m["right"] >= 8, m
    assert abs(m["left"] - m["right"]) <= 2, m  # the same margin on both sides
    assert m["leftMax"] - m["left"] <= 1, m  # every heading starts at the same edge


@pytest.mark.parametrize("page", ["compare", "compare_en"])
def test_the_comparisons_charts_read_on_a_phone(measured, page):
    # Below 600 px each chart is its phone layout, drawn at its own size: no text under 9 px.
    assert 9 <= measured[page]["chartPx"] < 1e9, measured[page]["chartPx"]
