"""How fast the composer renders the demo release (the preview must follow typing).

Run:  python benchmarks/bench_composer.py
Loads the demo data into a temporary database, then times, per call (best of several
rounds): rendering the composed release to text; composing the lead of the (unsaved) event
record from records in memory, as the Events form preview does; and composing the whole
release from the database and rendering it.  Each is compared with a baseline measured in
the same process: ``str.format`` producing the same text.  The target is well under 10 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from db import repository
from db.session import open_database
from desktop.cli import freezer
from desktop.exchange.demo import load_demo
from desktop.press import publishing
from desktop.press.compose import compose_lead, compose_release, compose_release_record
from desktop.press.phrases import RecordDirectory
from desktop.press.render import render_html, render_txt

TARGET_MS = 10.0


def per_call(fn: Callable[[], object], number: int) -> float:
    """Best-of-7 seconds per call."""
    return min(timeit.repeat(fn, number=number, repeat=7)) / number


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FORUMDESK_DATA_DIR"] = tmp
        database = open_database(Path(tmp) / "bench.db", create=True)
        load_demo(database, freezer())
        with database.write() as session:
            release = repository.get_release(session, 2)
            publishing.unpublish(session, 2, release.version)  # compose live, not frozen
        session_cm = database.read()
        session = session_cm.__enter__()
        try:
            record = repository.get_release(session, 2)
            style = repository.get_house_style(session)
            event = repository.get_event(session, 1)
            doc = compose_release(session, 2)
            text = render_txt(doc)
            directory = RecordDirectory(
                {o: repository.get_organization(session, o) for o in range(1, 13)},
                {p: repository.get_person(session, p) for p in range(1, 10)},
            )

            assert doc.last is not None and doc.next is not None
            fmt = "{h}\n\n\n{p0}\n\n\n{p1}\n\n\nLast:{last}\n\nNext:{next}\n"
            values = {
                "h": doc.headline,
                "p0": doc.paragraphs[0].text,
                "p1": doc.paragraphs[1].text,
                "last": doc.last.headline,
                "next": doc.next.headline,
            }
            assert fmt.format(**values) == text, "baseline must produce the same text"
            baseline = per_call(lambda: fmt.format(**values), 20000)

            cases: list[tuple[str, Callable[[], object], int]] = [
                ("render txt (composed document)", lambda: render_txt(doc), 2000),
                ("render html (composed document)", lambda: render_html(doc), 2000),
                (
                    "compose lead, text+html (unsaved event, records in memory)",
                    lambda: compose_lead(directory, event, style, record.template),
                    300,
                ),
                (
                    "compose release from the database + render txt",
                    lambda: render_txt(compose_release_record(session, record)),
                    100,
                ),
            ]
            print(f"baseline str.format of the same text: {baseline * 1e6:8.2f} µs")
            worst = 0.0
            for label, fn, number in cases:
                seconds = per_call(fn, number)
                worst = max(worst, seconds)
                print(
                    f"{label:<62} {seconds * 1e3:7.3f} ms  "
                    f"({seconds / baseline:,.0f}× the baseline)"
                )
        finally:
            session_cm.__exit__(None, None, None)
            database.dispose()
    verdict = "OK" if worst * 1e3 < TARGET_MS else "TOO SLOW"
    print(f"slowest: {worst * 1e3:.3f} ms against a target of {TARGET_MS:.0f} ms: {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
