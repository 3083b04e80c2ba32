"""What an offered mandate must be before it is stored: the representative established in the
Union (Art 3(5)), the provider outside it (Art 22(1), Art 54(1)), the subjects the provider's own,
the tasks those of Art 22(3) / Art 54(3), and the written mandate a file checked as evidence is.
Every check raises ``ValidationFailed`` before anything is written."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.errors import ValidationFailed
from portal.tenancy.models import Organisation
from registry.register import storage
from registry.register.models import EvidenceBlob, MandateScope, MandateSubmitter, MandateTask

REPRESENTATIVE_NOT_IN_EU = "representative_not_eu_established"
MANDATE_NOT_NEEDED = "mandate_not_needed"


def clean_subjects(
    provider: Organisation, scope: str, systems: Iterable[Any], gpai_models: Iterable[Any]
) -> tuple[list[str], list[str]]:
    """The uids of the listed systems and models, each one the provider's own (looked up in the
    provider's schema, which is the active one: the provider offers from its workspace)."""
    from django_tenants.utils import tenant_context

    from registry.workspace.models import AISystem, GPAIModel

    systems, gpai_models = list(systems or ()), list(gpai_models or ())
    if scope == MandateScope.ALL:
        return [], []
    if not systems and not gpai_models:
        raise ValidationFailed(
            _("List the AI systems or GPAI models the mandate covers, or choose all of them."),
            field_errors={"systems": [_("Choose at least one system or model.")]},
        )
    found: dict[str, list[str]] = {}
    with tenant_context(provider):
        for field, model, wanted in (
            ("systems", AISystem, systems),
            ("gpai_models", GPAIModel, gpai_models),
        ):
            ids = {str(value) for value in wanted}
            numeric = [int(i) for i in ids if i.isdigit()]
            rows = list(model.objects.filter(pk__in=numeric).values_list("pk", "uid"))
            if len(rows) != len(ids):
                raise ValidationFailed(
                    _("The mandate can cover only the provider's own systems and models."),
                    code="unknown_reference",
                    field_errors={field: [_("Unknown id.")]},
                )
            found[field] = sorted(str(uid) for _pk, uid in rows)
    return found["systems"], found["gpai_models"]


def store_document(file: IO[bytes] | Any, filename: str) -> tuple[EvidenceBlob, str]:
    """Check the written mandate as evidence is checked (type sniffed, size limit, no active
    content) and store it content-addressed beside the register's evidence copies."""
    from registry.workspace import uploads

    safe_name = os.path.basename(str(filename or "").replace("\\", "/")).strip()[:255]
    if file is None or not safe_name:
        raise ValidationFailed(
            _("Upload the written mandate (Art 22(1), Art 54(1))."),
            code="document_required",
            field_errors={"document": [_("Required.")]},
        )
    try:
        received = uploads.receive(file, safe_name, Path(settings.MEDIA_ROOT) / ".incoming")
    except ValidationFailed as refusal:
        raise ValidationFailed(
            refusal.message,
            code=refusal.code,
            field_errors={"document": refusal.field_errors.get("file", [refusal.message])},
        ) from refusal
    try:
        with received.path.open("rb") as source:
            sha, size, relative = storage.store_stream("mandates", source)
    finally:
        received.path.unlink(missing_ok=True)
    blob, _created = EvidenceBlob.objects.get_or_create(
        sha256=sha,
        defaults={"size": size, "content_type": received.content_type, "storage_path": relative},
    )
    return blob, safe_name


def validate_offer(
    provider: Organisation,
    representative: Organisation | None,
    *,
    scope: str,
    tasks: list[str],
    submitter: str,
    starts_on: date | None,
    ends_on: date | None,
) -> Organisation:
    if representative is None:
        raise ValidationFailed(
            _("No such organisation on the portal."),
            code="unknown_reference",
            field_errors={"representative": [_("No such organisation on the portal.")]},
        )
    errors: dict[str, list[Any]] = {}
    if representative.pk == provider.pk:
        errors["representative"] = [_("An organisation cannot be its own representative.")]
    if scope not in MandateScope.values:
        errors["scope"] = [_("Choose all, or listed.")]
    if not tasks or any(task not in MandateTask.values for task in tasks):
        errors["tasks"] = [_("Choose the tasks of Art 22(3) or Art 54(3) the mandate gives.")]
    if submitter not in MandateSubmitter.values:
        errors["submitter"] = [_("Choose who submits: provider, representative or either.")]
    if starts_on is None:
        errors["starts_on"] = [_("Required.")]
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The mandate cannot end before it starts.")]
    if errors:
        raise ValidationFailed(_("The mandate cannot be offered as it is."), field_errors=errors)
    if provider.eu_established:
        raise ValidationFailed(
            _(
                "%(provider)s is established in the Union: only a provider established in a "
                "third country appoints an authorised representative (Art 22(1), Art 54(1))."
            )
            % {"provider": provider.legal_name},
            code=MANDATE_NOT_NEEDED,
        )
    require_eu(representative)
    return representative


def require_eu(representative: Organisation) -> None:
    if not representative.eu_established:
        raise ValidationFailed(
            _(
                "%(name)s is not established in the Union; an authorised representative must be "
                "(Art 3(5), Art 22(1), Art 54(1))."
            )
            % {"name": representative.legal_name},
            code=REPRESENTATIVE_NOT_IN_EU,
            field_errors={"representative": [_("Not established in the Union.")]},
        )
