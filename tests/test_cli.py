"""The forumdesk command as a user runs it: real subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__


def forumdesk(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]


def test_version() -> None:
    result = forumdesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"forumdesk {__version__}"


@pytest.mark.parametrize(
    "command", [[], ["init"], ["demo"], ["export-data"], ["import-data"], ["release"]]
)
def test_help_on_every_command(command: list[str]) -> None:
    result = forumdesk(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: forumdesk")


def test_init_demo_export_import(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert forumdesk("init", str(db)).returncode == 0
    assert db.exists()
    loaded = forumdesk("--database", str(db), "demo")
    assert loaded.returncode == 0, loaded.stderr
    assert "12 organizations, 9 people, 1 events and 3 releases" in loaded.stdout
    again = forumdesk("demo", "--database", str(db))
    assert again.returncode == 0
    assert "already" in again.stdout
    out = tmp_path / "all.json"
    exported = forumdesk("export-data", str(out), env_extra={"FORUMDESK_DATABASE": str(db)})
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "forumdesk-exchange"
    other = tmp_path / "other.db"
    forumdesk("init", str(other))
    imported = forumdesk("import-data", str(out), "-d", str(other))
    assert imported.returncode == 0, imported.stderr
    listing = forumdesk("release", "list", "-d", str(other))
    assert len(listing.stdout.strip().splitlines()) == 3
    assert listing.stdout.splitlines()[1].split("\t")[:3] == ["2", "2021-11-22", "published"]


def test_mistyped_database_path_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = forumdesk("--database", str(missing), "demo")
    assert_one_line_error(result, f"There is no database at {missing}")
    assert not missing.exists()


def test_init_refuses_an_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "precious.db"
    existing.write_bytes(b"keep me")
    result = forumdesk("init", str(existing))
    assert_one_line_error(result, "already exists")
    assert existing.read_bytes() == b"keep me"


def test_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list", encoding="utf-8")
    result = forumdesk("demo", "-d", str(notes))
    assert_one_line_error(result, "is not a Forum Desk database")
    assert notes.read_text(encoding="utf-8") == "shopping list"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "There is no file at"),
        ("{oops", "is not valid JSON"),
        ('{"format": "x"}', "is not a Forum Desk data file"),
    ],
)
def test_import_bad_files(tmp_path: Path, content: str | None, fragment: str) -> None:
    db = tmp_path / "office.db"
    forumdesk("init", str(db))
    source = tmp_path / "in.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    assert_one_line_error(forumdesk("import-data", str(source), "-d", str(db)), fragment)


def test_import_with_problems_lists_them_on_stderr(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    forumdesk("init", str(db))
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps({"format": "forumdesk-exchange", "version": 1, "organizations": [{"id": 1}]}),
        encoding="utf-8",
    )
    result = forumdesk("import-data", str(source), "-d", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nothing was changed" in result.stderr
    assert "organizations[0].name: is missing." in result.stderr


def test_export_into_missing_folder(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    forumdesk("init", str(db))
    assert_one_line_error(
        forumdesk("export-data", str(tmp_path / "no" / "x.json"), "-d", str(db)), "does not exist"
    )


@pytest.mark.parametrize(
    "args", [["bogus"], ["--no-such-flag"], ["init", "a", "b"], ["release", "list", "--format"]]
)
def test_bad_arguments_one_line_exit_2(args: list[str]) -> None:
    result = forumdesk(*args)
    assert result.returncode == 2
    assert_one_line_error(result, "see 'forumdesk")


def test_bad_database_url() -> None:
    result = forumdesk("demo", "-d", "nosuchdriver://x/y")
    assert result.returncode == 1
    assert_one_line_error(result, "cannot use the database ‘nosuchdriver://x/y’")
