"""The public summary of training content (Art 53(1)(d)) on the AI Office's template
(Communication C(2025) 8311, "Explanatory Notice and Template for the Public Summary of Training
Content"): 1 general information, 2 data sources by kind, 3 data-processing aspects.

One flat set of keys (``FIELDS``) is what the form edits, what the workspace stores
(``TrainingContentSummary.content``), what the filing's items hold and what the public register
shows, so a field error names the same thing everywhere.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from registry import labels
from registry.workspace.choices import Modality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Section 2 of the template: the kinds of data source, each used or not, with a description.
SOURCE_KINDS = (
    "public_datasets",
    "licensed_data",
    "crawled_data",
    "user_data",
    "synthetic_data",
    "other_sources",
)
SIZE_FIELDS = tuple(f"size_{modality}" for modality in Modality.values)
CRAWL_FIELDS = ("crawlers", "crawl_period_start", "crawl_period_end", "top_domains")
PROCESSING_FIELDS = ("opt_out_measures", "illegal_content_measures", "other_processing")
LIST_FIELDS = frozenset({"modalities", "crawlers", "top_domains"})
BOOL_FIELDS = frozenset(f"{kind}_used" for kind in SOURCE_KINDS)

SECTIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "T1",
        "General information",
        "Art 53(1)(d); template section 1",
        ("modalities", *SIZE_FIELDS, "data_cutoff"),
    ),
    (
        "T2",
        "List of data sources",
        "Art 53(1)(d); template section 2",
        tuple(
            name
            for kind in SOURCE_KINDS
            for name in (
                f"{kind}_used",
                f"{kind}_description",
                *(CRAWL_FIELDS if kind == "crawled_data" else ()),
            )
        ),
    ),
    (
        "T3",
        "Relevant data-processing aspects",
        "Art 53(1)(d), Art 53(1)(c); template section 3",
        PROCESSING_FIELDS,
    ),
)
FIELDS = tuple(name for *_head, names in SECTIONS for name in names)

LABELS: dict[str, StrOrPromise] = {name: labels.FIELD[name] for name in FIELDS}

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_REQUIRED = _("Required.")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"[\n,]", value)
    if not isinstance(value, list | tuple):
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def clean_content(
    raw: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, list[StrOrPromise]]]:
    """The summary's content from ``raw`` (form or API data), normalised, and the field errors.
    An unknown key is an error: the summary holds what the template asks for, nothing else."""
    errors: dict[str, list[StrOrPromise]] = {}
    for key in raw:
        if key not in FIELDS:
            errors[key] = [_("Not a field of the training-content summary.")]
    content: dict[str, Any] = {}
    for name in FIELDS:
        value = raw.get(name)
        if name in LIST_FIELDS:
            content[name] = _list(value)
        elif name in BOOL_FIELDS:
            content[name] = value in (True, "true", "on", "1", 1)
        elif name in ("crawl_period_start", "crawl_period_end", "data_cutoff"):
            parsed = _date(value)
            if value and parsed is None:
                errors[name] = [_("Enter a date as YYYY-MM-DD.")]
            content[name] = parsed.isoformat() if parsed else None
        else:
            content[name] = _text(value)
    # 1 General information: the modalities and the size of the data of each (template 1.3).
    bad = [m for m in content["modalities"] if m not in Modality.values]
    if bad or not content["modalities"]:
        errors["modalities"] = [
            _("Choose one or more of: %(values)s.") % {"values": ", ".join(Modality.values)}
        ]
    for modality in content["modalities"]:
        if modality in Modality.values and not content[f"size_{modality}"]:
            errors[f"size_{modality}"] = [_("Give the size of the data of each modality.")]
    # 2 Data sources: each kind used is described; crawling names its crawlers, period and the
    # most relevant domains.
    if not any(content[f"{kind}_used"] for kind in SOURCE_KINDS):
        errors["public_datasets_used"] = [_("Name at least one kind of data source.")]
    for kind in SOURCE_KINDS:
        if content[f"{kind}_used"] and not content[f"{kind}_description"]:
            errors[f"{kind}_description"] = [_REQUIRED]
    if content["crawled_data_used"]:
        for name in CRAWL_FIELDS:
            if not content[name] and name not in errors:
                errors[name] = [_REQUIRED]
        domains = [d.lower() for d in content["top_domains"]]
        content["top_domains"] = domains
        if any(not _DOMAIN.match(d) for d in domains):
            errors["top_domains"] = [_("Give domain names such as example.org, one a line.")]
        start, end = content["crawl_period_start"], content["crawl_period_end"]
        if start and end and start > end:
            errors["crawl_period_end"] = [_("The end of the period is before its start.")]
    else:
        for name in CRAWL_FIELDS:
            if content[name]:
                errors[name] = [_("Only for data crawled from the web.")]
    # 3 Data-processing aspects: opt-outs honoured and illegal content removed.
    for name in ("opt_out_measures", "illegal_content_measures"):
        if not content[name]:
            errors[name] = [_REQUIRED]
    return content, errors


def summary_items(
    content: dict[str, Any], *, provider: str, model: str, version: str
) -> list[dict[str, Any]]:
    """The registration items of a filed summary: the template's three sections, in order."""
    items = []
    for code, title, citation, names in SECTIONS:
        # Whether a kind of source was used is filed as a code the register labels.
        fields = {
            name: ("used" if content.get(name) else "not_used")
            if name in BOOL_FIELDS
            else content.get(name)
            for name in names
        }
        if code == "T1":
            fields = {
                "provider_name": provider,
                "model_name": model,
                "model_version": version,
                **fields,
            }
        items.append(
            {
                "code": code,
                "title": title,
                "citation": citation,
                "fields": fields,
                # Art 53(1)(d): the whole summary is public.
                "withheld_from_public": False,
            }
        )
    return items
