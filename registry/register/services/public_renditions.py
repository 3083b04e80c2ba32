"""The public copy of each registered version (Art 71(4)-(5)): its public part as canonical JSON,
hashed, and the PDF/A-3b the worker renders from it (`pdf_jobs.public_rendition_run`). The public
pages and the public API serve this copy and never the complete filing, which stays with the
organisation and its authorities (docs/decisions/0008-public-rendition.md)."""

from __future__ import annotations

from django.db import transaction

from registry.filings.canonical import canonical_json, sha256_hex
from registry.register.models import FilingVersion, PublicRendition
from registry.register.selectors import public_snapshot
from registry.register.selectors_public import PUBLIC_PDF_STATUSES, public_pdf_allowed


def public_rendition_due(version: FilingVersion) -> bool:
    """A version the public register publishes: registered (or since superseded), not restricted.
    Art 49(4): the version's own snapshot decides too, so a version filed as restricted never
    gets a public copy whatever its filing says later."""
    restricted = (version.snapshot.get("filing") or {}).get("restricted") is True
    return public_pdf_allowed(version) and not restricted


def public_rendition_json(version: FilingVersion) -> bytes:
    """The canonical bytes of the version's public part: what the public copy embeds and hashes."""
    return canonical_json(public_snapshot(version.snapshot))


def public_rendition_create(*, version: FilingVersion) -> PublicRendition | None:
    """The public copy of `version`, in the transaction that registers it; rendered once that
    has committed. None for a version the public does not see. A second call returns the same
    row: the public part is fixed when the version is registered, like the version itself."""
    if not public_rendition_due(version):
        return None
    canonical = public_rendition_json(version)
    rendition, created = PublicRendition.objects.get_or_create(
        version=version,
        defaults={"canonical": canonical.decode("utf-8"), "sha256": sha256_hex(canonical)},
    )
    if created:
        rendition_id = rendition.pk
        transaction.on_commit(lambda: _enqueue(rendition_id))
    return rendition


def _enqueue(rendition_id: int) -> None:
    from registry.filings.tasks import enqueue_public_pdf

    enqueue_public_pdf(rendition_id)


def public_renditions_ensure() -> list[int]:
    """Make the public copies that are missing: versions registered before public copies existed
    (or restored from a backup without them). Idempotent; `portal_setup` runs it on every
    start, so a database from before the change gets its copies rendered by the worker."""
    missing = (
        FilingVersion.objects.filter(
            status__in=PUBLIC_PDF_STATUSES,
            filing__restricted=False,
            public_rendition__isnull=True,
        )
        .select_related("filing")
        .order_by("pk")
    )
    created = []
    with transaction.atomic():
        for version in missing:
            rendition = public_rendition_create(version=version)
            if rendition is not None:
                created.append(rendition.pk)
    return created
