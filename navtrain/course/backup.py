"""Gradebook backups: one copy before every autograde, and ``restore``.

Backups live in ``<course>/.backups/gradebook-YYYYmmdd-HHMMSS[-N].db``. They are made with
SQLite's online-backup API, so a copy taken while formgrader has the gradebook open is
consistent. ``restore`` first backs up the current gradebook, so a restore can be undone.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from navtrain.errors import InputFileError, UnknownNameError

__all__ = ["BACKUP_DIR", "backup_gradebook", "list_backups", "restore_gradebook"]

BACKUP_DIR = ".backups"


def _copy(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    source.close()
    target.close()


def list_backups(root: Path | str) -> list[Path]:
    """The course's gradebook backups, oldest first."""
    folder = Path(root) / BACKUP_DIR
    return sorted(folder.glob("gradebook-*.db")) if folder.is_dir() else []


def backup_gradebook(root: Path | str, *, reason: str = "") -> Path | None:
    """Copy ``<root>/gradebook.db`` into ``<root>/.backups/``; None when there is no gradebook yet.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(backup_gradebook(d))
    None
    """
    root = Path(root)
    db = root / "gradebook.db"
    if not db.is_file():
        return None
    folder = root / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"gradebook-{stamp}{'-' + reason if reason else ''}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"gradebook-{stamp}{'-' + reason if reason else ''}-{n}.db"
    _copy(db, target)
    return target


def restore_gradebook(root: Path | str, name: str | None = None) -> tuple[Path, Path | None]:
    """Bring a backup back as ``gradebook.db`` (the newest when ``name`` is None).

    Returns ``(restored_from, backup_of_the_replaced_gradebook)``.
    """
    root = Path(root)
    backups = list_backups(root)
    if not backups:
        raise InputFileError(f"no gradebook backups under {root / BACKUP_DIR}",
                             fix="backups are made by 'navtrain course autograde'; nothing to restore yet",
                             hint="还没有成绩库备份")
    if name is None:
        chosen = backups[-1]
    else:
        matches = [b for b in backups if b.name == name or b.stem == name]
        if not matches:
            raise UnknownNameError(f"unknown backup {name!r}",
                                   fix=f"use one of: {', '.join(b.name for b in backups[-5:])}",
                                   hint="找不到该备份，请用 'navtrain course restore --list' 查看")
        chosen = matches[0]
    replaced = backup_gradebook(root, reason="before-restore")
    _copy(chosen, root / "gradebook.db")
    return chosen, replaced
