"""The release composer: house-style prose from records (no Qt).

What the GUI calls (all take a SQLAlchemy session first and only read):

- ``compose_release(session, release_id)`` → ReleaseDocument of a saved release (published:
  frozen text, live Last / Next); ``compose_release_record(session, record, event=None)``
  → the live preview of a release being edited.
- ``compose_lead(session, event_record, style, template)`` → Lead(text, html, lines): the
  generated first paragraph of an unsaved event (the Events form's preview strip).
- ``participant_line(session, event_record, person_id, style, template)`` /
  ``participant_lines(...)``: "Mr. CAO Cong, Secretary General of SFICE" as in the release.
- ``organization_mentions(session, org_id_or_record)`` → (first, later);
  ``position_reading(session, position_record, as_of=None)`` → "former Deputy Director …".
- ``render_txt / render_html / render_html_fragment / render_md(doc)``;
  ``lead_templates()`` → (name, label) pairs for a combo box.
- ``publishing.publish / unpublish / freeze_release``.
"""

from desktop.press.compose import (
    Lead,
    OrganizationMentions,
    compose_lead,
    compose_release,
    compose_release_record,
    organization_mentions,
    participant_line,
    participant_lines,
    position_reading,
)
from desktop.press.document import Paragraph, ReleaseDocument, SeriesLink
from desktop.press.render import (
    LeadTemplate,
    TemplateError,
    lead_templates,
    render_html,
    render_html_fragment,
    render_md,
    render_txt,
)

__all__ = [
    "Lead",
    "LeadTemplate",
    "OrganizationMentions",
    "Paragraph",
    "ReleaseDocument",
    "SeriesLink",
    "TemplateError",
    "compose_lead",
    "compose_release",
    "compose_release_record",
    "lead_templates",
    "organization_mentions",
    "participant_line",
    "participant_lines",
    "position_reading",
    "render_html",
    "render_html_fragment",
    "render_md",
    "render_txt",
]
