"""How a person's name is written in releases, lists and messages ("Mr. CHEN Xiaogong")."""

from __future__ import annotations

from db.models import NameOrder


def format_name(
    honorific: str | None,
    family_name: str | None,
    given_name: str | None,
    name_order: str = NameOrder.FAMILY_FIRST.value,
    *,
    family_caps: bool = True,
) -> str:
    """Honorific, then the name in the person's order; no stray spaces for missing parts
    or for runs of spaces typed or pasted inside a name."""
    family = " ".join((family_name or "").split())
    if family_caps:
        family = family.upper()
    given = " ".join((given_name or "").split())
    parts = [given, family] if name_order == NameOrder.GIVEN_FIRST.value else [family, given]
    name = " ".join(p for p in parts if p)
    honorific = " ".join((honorific or "").split())
    return f"{honorific} {name}".strip() if honorific else name
