"""App wiring: a database that cannot be opened gives one sentence in a message box."""

from __future__ import annotations

from pathlib import Path

from desktop.app import open_or_explain


def test_missing_database_shows_sentence(qtbot, tmp_path: Path, answers) -> None:  # type: ignore[no-untyped-def]
    assert open_or_explain(str(tmp_path / "nowhere.db")) is None
    assert answers.kinds() == ["error"]
    assert answers.texts("error")[0].startswith("There is no database at")
    assert not (tmp_path / "nowhere.db").exists()


def test_not_a_database_shows_sentence(qtbot, tmp_path: Path, answers) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "notes.db"
    bogus.write_text("shopping list\n", encoding="utf-8")
    assert open_or_explain(str(bogus)) is None
    (message,) = answers.texts("error")
    assert "is not a Forum Desk database" in message
    assert "Traceback" not in message
    assert bogus.read_text(encoding="utf-8") == "shopping list\n"
