"""Chinese text held in code: CJK characters in string literals (docstrings aside), per module.

    .venv/bin/python bench/cjk_literals.py [--top 15] [PATH ...]

The vocabulary that decides extraction lives in data files (src/analysis/data/); what stays
in code is grammar. This counts what is left: every CJK ideograph in a ``str`` constant of the
package's modules, docstrings (module, class, function) excluded, f-string parts included.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def cjk_in_literals(path: Path) -> int:
    """CJK characters in the string literals of one module, docstrings excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return sum(
        len(_CJK.findall(node.value))
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "src" / "analysis")])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    counts: dict[Path, int] = {}
    for root in map(Path, args.paths):
        for f in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            counts[f] = cjk_in_literals(f)
    by_dir: dict[str, int] = {}
    for f, n in counts.items():
        key = str(f.parent.relative_to(ROOT)) if f.is_relative_to(ROOT) else str(f.parent)
        by_dir[key] = by_dir.get(key, 0) + n
    for f, n in sorted(counts.items(), key=lambda kv: -kv[1])[: args.top]:
        if n:
            print(f"{n:6d}  {f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}")
    print("--")
    for d, n in sorted(by_dir.items()):
        print(f"{n:6d}  {d}/")
    print(f"{sum(counts.values()):6d}  total")


if __name__ == "__main__":
    main()
