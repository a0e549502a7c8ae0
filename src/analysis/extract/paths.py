"""Which paths may be read: regular files, inside the data folder.

A data folder may come from someone else (an archive, a repository). A link resolving outside
it (``2026.txt → /etc/passwd``) is never followed, and a named pipe or a device is never opened
(a pipe blocks a read, ``/dev/zero`` never ends one): each is named as what it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def special_file(path: str | Path) -> str | None:
    """What ``path`` is when it is not a regular file one can read (``"a named pipe (FIFO)"``,
    ``"a link to /dev/zero, a character device"``, ``"a link to x, which does not exist"``),
    else ``None`` (a regular file, or nothing at all)."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        if p.is_symlink():
            return f"a link to {os.readlink(p)}, which does not exist"
        return None
    except OSError as exc:  # a link loop, a permission denied on the way
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"a link to {p.resolve()}, {what}" if p.is_symlink() else what


def absolute(path: str | Path) -> Path:
    """``path`` made absolute without following links (``..`` folded by name)."""
    return Path(os.path.abspath(path))


def outside(path: str | Path, root: str | Path) -> str | None:
    """``"a link to T, outside the data folder R"`` when ``path`` resolves outside ``root``
    (through a link in any of its parts), else ``None``."""
    try:
        target = Path(path).resolve()
        base = Path(root).resolve()
    except (OSError, RuntimeError) as e:  # a link loop (RuntimeError before Python 3.13)
        return f"a link that cannot be followed ({e})"
    if target == base or base in target.parents:
        return None
    return f"a link to {target}, outside the data folder {root}"
