"""The composed release as plain data: what is said, before any template decides the look."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Any, Literal

ParagraphSource = Literal["generated", "overridden", "written"]

FROZEN_FORMAT = "forumdesk-release"
FROZEN_VERSION = 1


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of plain text.  ``source``: "generated" from the records by the lead
    template, "overridden" (a hand-edited lead that replaces the generated one), or
    "written" (the paragraphs staff wrote by hand)."""

    text: str
    source: ParagraphSource = "written"

    @property
    def generated(self) -> bool:
        return self.source == "generated"

    @property
    def overridden(self) -> bool:
        return self.source == "overridden"


@dataclass(frozen=True)
class SeriesLink:
    """A neighbouring published release of the same series."""

    release_id: int
    headline: str


@dataclass(frozen=True)
class ReleaseDocument:
    headline: str
    paragraphs: tuple[Paragraph, ...] = ()
    publication_date: dt.date | None = None
    status: str = "draft"
    series: str = ""
    language: str = "en"
    template: str = "house_hosts"
    release_id: int | None = None
    event_id: int | None = None
    # Derived from the series each time; never stored in the frozen document.
    last: SeriesLink | None = None
    next: SeriesLink | None = None
    # True when the text comes from the document frozen at publication.
    frozen: bool = False

    @property
    def lead(self) -> Paragraph | None:
        """The generated or overridden first paragraph, if any."""
        first = self.paragraphs[0] if self.paragraphs else None
        return first if first is not None and first.source != "written" else None

    def to_json(self) -> str:
        """The frozen form: headline and paragraphs (no ids, no series links)."""
        data: dict[str, Any] = {
            "format": FROZEN_FORMAT,
            "version": FROZEN_VERSION,
            "headline": self.headline,
            "language": self.language,
            "template": self.template,
            "paragraphs": [{"text": p.text, "source": p.source} for p in self.paragraphs],
        }
        return json.dumps(data, ensure_ascii=False)

    def with_frozen(self, frozen_json: str) -> ReleaseDocument:
        """This document's live facts (ids, date, status, links) with the frozen text."""
        data = json.loads(frozen_json)
        if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), list):
            raise ValueError("The frozen document of this release is not readable.")
        paragraphs: list[Paragraph] = []
        for item in data["paragraphs"]:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError("The frozen document of this release is not readable.")
            source = item.get("source", "written")
            if source not in ("generated", "overridden", "written"):
                source = "written"
            paragraphs.append(Paragraph(item["text"], source))
        headline = data.get("headline")
        return replace(
            self,
            headline=headline if isinstance(headline, str) else self.headline,
            paragraphs=tuple(paragraphs),
            template=str(data.get("template") or self.template),
            language=str(data.get("language") or self.language),
            frozen=True,
        )
