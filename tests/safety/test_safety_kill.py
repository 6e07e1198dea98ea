"""A process saving through the app's save path is killed with SIGKILL 200 times: nothing
acknowledged is lost, nothing is half-written, and the file stays sound."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("kill_worker.py")
REPO = Path(__file__).resolve().parents[2]
KILLS = 200


class Lines:
    """Lines from a pipe, waiting on output (with a deadline) instead of sleeping."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def next(self, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise AssertionError("the worker exited")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    rng = random.Random(20211119)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    assert worker.stdin is not None and worker.stdout is not None
    lines = Lines(worker.stdout.fileno())
    acked: set[tuple[int, int]] = set()
    started = time.monotonic()
    try:
        assert lines.next(60) == "ready"
        for round_no in range(KILLS):
            worker.stdin.write(f"fork {round_no}\n".encode())
            worker.stdin.flush()
            wanted_acks = rng.choice([0, 0, 1, 2, 3, 5])
            pid = None
            seen = 0
            dead = False
            # Wait for the child's pid and the chosen number of acknowledgements.
            while pid is None or seen < wanted_acks:
                line = lines.next(30)
                assert line is not None, "worker stalled"
                kind, *rest = line.split()
                if kind == "pid":
                    pid = int(rest[1])
                elif kind == "ack":
                    acked.add((int(rest[0]), int(rest[1])))
                    seen += 1
                elif kind == "dead":
                    dead = True
                    break
            # Then a random moment: whatever the child writes within it is still counted.
            moment = time.monotonic() + rng.uniform(0, 0.012)
            while not dead and (left := moment - time.monotonic()) > 0:
                line = lines.next(left)
                if line is None:
                    break
                kind, *rest = line.split()
                if kind == "ack":
                    acked.add((int(rest[0]), int(rest[1])))
                dead = kind == "dead"
            if not dead:
                assert pid is not None
                os.kill(pid, signal.SIGKILL)
                while True:
                    line = lines.next(30)
                    assert line is not None, "killed child not reaped"
                    kind, *rest = line.split()
                    if kind == "ack":
                        acked.add((int(rest[0]), int(rest[1])))
                    if kind == "dead":
                        break
        worker.stdin.write(b"stop\n")
        worker.stdin.flush()
        assert worker.wait(30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        worker.stdin.close()
        worker.stdout.close()
    elapsed = time.monotonic() - started

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        people = dict(conn.execute("SELECT family_name, id FROM person WHERE id > 1").fetchall())
        positions: dict[int, list[str]] = {}
        for person_id, title in conn.execute("SELECT person_id, title FROM position"):
            positions.setdefault(person_id, []).append(title)
        counter = conn.execute("SELECT notes FROM person WHERE id = 1").fetchone()[0]
    finally:
        conn.close()
    # Every acknowledged save is there…
    missing = [f"R{r}N{n}" for r, n in sorted(acked) if f"R{r}N{n}" not in people]
    assert missing == []
    # …and no save is half-written: each person has both positions, and the counter (updated
    # in the same transaction) names a saved person at least as late as the last ack.
    for name, person_id in people.items():
        assert sorted(positions.get(person_id, [])) == [f"{name}-a", f"{name}-b"]
    last = tuple(int(x) for x in counter.split())
    if acked:
        assert last >= max(acked)
    if last[1] >= 0:
        assert f"R{last[0]}N{last[1]}" in people
    assert len(acked) > KILLS // 2  # the test did exercise saves
    print(f"{KILLS} kills, {len(acked)} acknowledged saves, {len(people)} saved, {elapsed:.1f}s")
