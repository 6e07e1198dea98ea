"""Benchmark (not a test): the People list's page query on 100,000 people, against the same
query written by hand in raw sqlite3 on the same file.  Prints timings and the ratio.

    python benchmarks/bench_people_list.py [--people 100000] [--keep FILE]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from db.models import Organization, Person, Position
from db.queries import PEOPLE, ListQuery
from db.session import open_database

SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]
ZH = "王李张刘陈杨黄赵吴周"

RAW_PAGE = """
SELECT p.id, p.honorific, p.family_name, p.given_name, p.name_order, p.name_zh, p.email,
  (SELECT t.title FROM position t WHERE t.person_id = p.id AND t.is_current = 1
     AND t.deleted_at IS NULL ORDER BY t.sort_order, t.id LIMIT 1),
  (SELECT o.name FROM position t LEFT JOIN organization o ON o.id = t.organization_id
     WHERE t.person_id = p.id AND t.is_current = 1 AND t.deleted_at IS NULL
     ORDER BY t.sort_order, t.id LIMIT 1)
FROM person p
WHERE p.deleted_at IS NULL {where}
ORDER BY lower(p.family_name), lower(p.given_name), p.id
LIMIT 200 OFFSET ?
"""
RAW_SEARCH = """ AND (p.family_name LIKE ?1 ESCAPE '\\' OR p.given_name LIKE ?1 ESCAPE '\\'
  OR p.name_zh LIKE ?1 ESCAPE '\\' OR p.email LIKE ?1 ESCAPE '\\'
  OR EXISTS (SELECT 1 FROM position t LEFT JOIN organization o ON o.id = t.organization_id
     WHERE t.person_id = p.id AND t.deleted_at IS NULL AND (t.title LIKE ?1 ESCAPE '\\'
     OR o.name LIKE ?1 ESCAPE '\\' OR o.acronym LIKE ?1 ESCAPE '\\'
     OR o.name_zh LIKE ?1 ESCAPE '\\')))"""


def fill(path: Path, count: int) -> None:
    database = open_database(path, create=True)
    with database.engine.begin() as conn:
        conn.execute(
            insert(Organization),
            [{"name": f"Institute {i}", "kind": "think_tank", "version": 1} for i in range(200)],
        )
        conn.execute(
            insert(Person),
            [
                {
                    "family_name": SURNAMES[i % 10],
                    "given_name": f"Given{i:06d}",
                    "name_order": "family_first",
                    "name_zh": f"{ZH[i % 10]}晓{'工' if i % 13 == 0 else '华'}",
                    "version": 1,
                }
                for i in range(count)
            ],
        )
        conn.execute(
            insert(Position),
            [
                {
                    "person_id": i + 1,
                    "organization_id": i % 200 + 1,
                    "title": "Director" if i % 3 else "Senior Fellow",
                    "phrasing": "title_of",
                    "is_current": True,
                    "sort_order": 0,
                    "version": 1,
                }
                for i in range(count)
            ],
        )
    database.dispose()


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = args.keep or folder / "bench.db"
    if not path.exists():
        started = time.perf_counter()
        fill(path, args.people)
        print(f"filled {args.people:,} people in {time.perf_counter() - started:.1f} s")
    database = open_database(path)
    raw = sqlite3.connect(str(path))
    cases = [
        ("first page", ListQuery(), 0),
        ("last page", ListQuery(), args.people - 200),
        ("search 晓工", ListQuery("晓工"), 0),
        ("search 'fellow'", ListQuery("fellow"), 0),
    ]
    print(f"{'case':<18}{'app (ms)':>10}{'raw (ms)':>10}{'ratio':>8}{'count (ms)':>12}")
    for name, query, offset in cases:

        def app_page(query: ListQuery = query, offset: int = offset) -> object:
            with database.read() as session:
                return PEOPLE.fetch(session, query, offset, 200)

        def app_count(query: ListQuery = query) -> object:
            with database.read() as session:
                return PEOPLE.count(session, query)

        where = RAW_SEARCH if query.search else ""
        params: tuple[object, ...] = (f"%{query.search}%", offset) if query.search else (offset,)
        sql = RAW_PAGE.format(where=where).replace(
            "OFFSET ?", "OFFSET ?2" if query.search else "OFFSET ?"
        )

        def raw_page(sql: str = sql, params: tuple[object, ...] = params) -> object:
            return raw.execute(sql, params).fetchall()

        app_ms = best(app_page) * 1000
        raw_ms = best(raw_page) * 1000
        count_ms = best(app_count) * 1000
        print(f"{name:<18}{app_ms:>10.1f}{raw_ms:>10.1f}{app_ms / raw_ms:>8.2f}{count_ms:>12.1f}")
    raw.close()
    database.dispose()


if __name__ == "__main__":
    main()
