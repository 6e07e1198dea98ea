"""Saves through the app's save path until killed (driven by test_safety_kill.py).

Run as ``python kill_worker.py DB``: a "zygote" that imports everything once, then for each
``fork ROUND`` line on stdin forks a child that opens the database the way the app does and
saves in a loop, writing ``ack ROUND N`` after each committed save.  The zygote reports
``pid ROUND PID`` and, when the child has died (killed or finished), ``dead ROUND``.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import replace

from db import repository
from db.models import Phrasing
from db.records import PersonRecord, PositionRecord
from db.session import open_database

SAVES_PER_CHILD = 40
COUNTER = "Counter"
ALONE = Phrasing.TITLE_ONLY.value


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # one write per line: never interleaved or buffered


def child(path: str, round_no: int) -> None:
    database = open_database(path)
    for n in range(SAVES_PER_CHILD):
        tag = f"R{round_no}N{n}"
        with database.write() as session:
            repository.save_person(
                session,
                PersonRecord(
                    family_name=tag,
                    notes="x" * 2000,
                    positions=(
                        PositionRecord(title=f"{tag}-a", phrasing=ALONE),
                        PositionRecord(title=f"{tag}-b", phrasing=ALONE),
                    ),
                ),
            )
            counter = repository.get_person(session, 1)
            repository.save_person(session, replace(counter, notes=f"{round_no} {n}"))
        say(f"ack {round_no} {n}")


def main() -> None:
    path = sys.argv[1]
    database = open_database(path, create=True)
    with database.write() as session:
        repository.save_person(session, PersonRecord(family_name=COUNTER, notes="0 -1"))
    database.dispose()
    say("ready")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command != "fork":
            break
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                child(path, int(arg))
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        say(f"pid {arg} {pid}")
        os.waitpid(pid, 0)
        say(f"dead {arg}")


if __name__ == "__main__":
    main()
