"""forumdesk backup / backups / restore, and the backup before import-data."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.backup import list_backups
from desktop.cli import main


def test_backup_list_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "f.db"
    assert main(["init", str(db)]) == 0
    assert main(["backup", "-d", str(db)]) == 0
    assert main(["demo", "-d", str(db)]) == 0
    export = tmp_path / "all.json"
    assert main(["export-data", str(export), "-d", str(db)]) == 0
    # Whether or not the import is accepted, the backup is taken before it starts.
    main(["import-data", str(export), "-d", str(db)])
    reasons = [b.reason for b in list_backups(db)]
    assert "manual" in reasons and "before-import" in reasons
    capsys.readouterr()
    assert main(["backups", "-d", str(db)]) == 0
    assert "by hand" in capsys.readouterr().out
    empty = next(b.path for b in list_backups(db) if b.reason == "manual")
    assert main(["restore", str(empty), "-d", str(db)]) == 0
    assert "previous contents are in" in capsys.readouterr().out
    assert main(["export-data", str(tmp_path / "after.json"), "-d", str(db)]) == 0
    assert "China Forum" not in (tmp_path / "after.json").read_text(encoding="utf-8")
    assert main(["restore", str(tmp_path / "nope.db"), "-d", str(db)]) == 1
    assert "There is no backup file" in capsys.readouterr().err
