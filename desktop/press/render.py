"""Templates decide how a release looks: Jinja2 over resources/templates.

Two environments, both with StrictUndefined so that a typo in a template fails loudly:
one for plain text and Markdown (no escaping) and one for HTML (autoescape on).  Autoescape
is set explicitly per environment rather than guessed from file names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from db.errors import ForumDeskError
from desktop.press.document import ReleaseDocument
from desktop.press.phrases import sentence_case

_LABEL = re.compile(r"\{#-?\s*label:\s*(.*?)\s*-?#\}")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


class TemplateError(ForumDeskError):
    """A template is missing or broken; the message names it."""


def template_dir() -> Path:
    return Path(str(resources.files("resources").joinpath("templates")))


def _md(value: object) -> str:
    """Escape Markdown syntax so that user text reads as written."""
    text = _MD_SPECIAL.sub(r"\\\1", str(value))
    return _MD_LINE_START.sub(r"\1\\\2", text)


def _nl2br(value: object) -> Markup:
    """Escape, then keep line breaks inside a paragraph."""
    return Markup("<br>\n").join(escape(line) for line in str(value).split("\n"))


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["capfirst"] = lambda value: sentence_case(str(value))
    env.filters["md"] = _md
    env.filters["nl2br"] = _nl2br
    return env


@functools.cache
def text_environment() -> jinja2.Environment:
    """Plain text and Markdown: nothing is escaped."""
    return _environment(autoescape=False)


@functools.cache
def html_environment() -> jinja2.Environment:
    """HTML: every value is escaped unless it is Markup."""
    return _environment(autoescape=True)


@functools.cache
def _template(name: str, html: bool) -> jinja2.Template:
    env = html_environment() if html else text_environment()
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"The template ‘{name}’ is missing from {template_dir()}.") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"The template ‘{name}’ has an error on line {exc.lineno}: {exc.message}."
        ) from exc


def _render(name: str, html: bool, context: Mapping[str, Any]) -> str:
    template = _template(name, html)
    try:
        return template.render(context)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"The template ‘{name}’ uses something unknown: {exc.message}."
        ) from exc


# Lead templates -----------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTemplate:
    name: str  # stored in PressRelease.template, e.g. "house_hosts"
    label: str  # for a combo box


@functools.cache
def lead_templates() -> tuple[LeadTemplate, ...]:
    """The lead templates in resources/templates/lead, with their human labels."""
    found: list[LeadTemplate] = []
    for path in sorted((template_dir() / "lead").glob("*.txt.j2")):
        name = path.name.removesuffix(".txt.j2")
        match = _LABEL.search(path.read_text(encoding="utf-8"))
        label = match.group(1) if match else name.replace("_", " ").capitalize()
        found.append(LeadTemplate(name, label))
    return tuple(found)


def lead_template_names() -> tuple[str, ...]:
    return tuple(t.name for t in lead_templates())


def render_lead(name: str, context: Mapping[str, Any], *, html: bool = False) -> str:
    """Render a lead template (not yet whitespace-normalized)."""
    if name not in lead_template_names():
        raise TemplateError(
            f"There is no lead template named ‘{name}’; choose one of "
            f"{', '.join(lead_template_names())}."
        )
    return _render(f"lead/{name}.{'html' if html else 'txt'}.j2", html, context)


# Release pages ------------------------------------------------------------------------


def render_txt(doc: ReleaseDocument) -> str:
    return _render("release.txt.j2", False, {"doc": doc})


def render_md(doc: ReleaseDocument) -> str:
    return _render("release.md.j2", False, {"doc": doc})


def render_html(doc: ReleaseDocument) -> str:
    """A standalone HTML document."""
    return _render("release.html.j2", True, {"doc": doc})


def render_html_fragment(doc: ReleaseDocument) -> str:
    """An <article> for the preview pane and the clipboard."""
    return _render("release_fragment.html.j2", True, {"doc": doc})


# Format name → renderer; the CLI and the Releases page add pdf/docx writers beside these.
TEXT_RENDERERS: dict[str, Callable[[ReleaseDocument], str]] = {
    "txt": render_txt,
    "html": render_html,
    "md": render_md,
}
