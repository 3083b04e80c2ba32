"""Which registration items and fields of a filed version the public may read (Art 71).

`registry.register.selectors.public_snapshot()` builds the public part of a version from these
rules; the public pages, the public API and the public copy (PDF) all show that part and nothing
else. docs/decisions/0003-public-register.md and 0008-public-rendition.md say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from registry.filings.canonical import PUBLIC_PART

__all__ = ["PERSONAL_FIELDS", "PUBLIC_PART", "public_items"]

# Fields that name or reach a natural person. Art 71(4) makes the registration public, but
# Art 71(5) lets the database hold personal data only as far as needed, and what is needed is
# for the authorities: the persons responsible for registering (Annex VIII A2, B2, C2), the
# contact details of a party (A1, A3, B1, B3, C1: in this portal its contact person's name and
# e-mail, organisation_party()) and the person who signed the Code of Practice for the
# organisation (Art 56; a job title names the person as well as a name does). The public reads
# who the party is and where it is established; decision 0003: "the organisation, not the person".
# The organisation block is cut down separately (selectors.PUBLIC_ORGANISATION_FIELDS): its VAT
# number (personal data of a sole trader), contact person and e-mail never reach the public.
PERSONAL_FIELDS = frozenset(
    {
        "submitter_name",
        "submitter_address",
        "submitter_contact_details",
        "provider_contact_details",
        "authorised_representative_contact_details",
        "deployer_contact_details",
        "signatory_name",
        "signatory_authority",
    }
)


def public_items(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The items of a registration the public may read, each without its personal fields.

    Art 49(4): an item withheld from the public is left out. An item that holds nothing but
    personal data (the person submitting, A2/B2/C2) is left out whole rather than shown empty."""
    public = []
    for item in items:
        if item.get("withheld_from_public"):
            continue
        fields = item.get("fields") or {}
        kept = {name: value for name, value in fields.items() if name not in PERSONAL_FIELDS}
        if fields and not kept:
            continue
        public.append({**item, "fields": kept})
    return public
