"""The ``briefs`` command: a thin layer over the library.

Subcommands live with the code they drive: each module in :data:`SUBCOMMANDS` exposes
``configure(parser)`` (adds its arguments) and ``run(args) -> int`` (exit status). Errors a
user can act on (:class:`~analysis.errors.AnalysisError`) print as one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence

from analysis.errors import AnalysisError, one_line

#: subcommand → (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("analysis.cli.extract", "write the indicator table for a report or a folder"),
    "batch": (
        "analysis.cli.batch",
        "run the brief notebooks for every report year and render them",
    ),
    "targets": (
        "analysis.cli.targets",
        "line up one region's targets with the actuals a year later",
    ),
    "import": (
        "analysis.cli.importer",
        "import a CSV or JSON Lines file of full report texts, or a folder of reports",
    ),
    "source": ("analysis.cli.source", "write a report's text with every figure marked"),
    "compare": ("analysis.cli.compare", "compare the regions' reports of one year"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. Only ``command``'s module is imported and configured (every
    subcommand when None): ``briefs batch`` need not import what ``briefs targets`` needs."""
    from analysis import __version__

    parser = argparse.ArgumentParser(
        prog="briefs", description="Chinese government work reports → indicator tables and briefs."
    )
    parser.add_argument("--version", action="version", version=f"briefs {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if command in (None, name):
            mod = importlib.import_module(module)
            mod.configure(p)
            p.set_defaults(_run=mod.run)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``briefs`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), "")
    parser = build_parser(command if command in SUBCOMMANDS else "")
    args = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so atomic writers remove their temporary files.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(args._run(args) or 0)
    except AnalysisError as e:
        print(f"briefs {args.command}: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"briefs {args.command}: interrupted", file=sys.stderr)
        return 130
    except OSError as e:  # disk full, permissions … on a path the library did not name
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        print(one_line(f"briefs {args.command}: error: {where}{e.strerror or e}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
