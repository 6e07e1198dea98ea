"""Guard: PySide6 6.12.0 on CPython < 3.12 drops a reference to None on every void call."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_qt_calls_keep_none_refcount(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        widget.setObjectName("x")
        widget.resize(10, 10)
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; a leaking build loses 20,000 here.
    assert before - after < 100
