"""Rights holders' requests in tests: a provider on the public register, and requests filed and
confirmed through the services (as the public does it)."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.utils import timezone

from portal.tenancy.models import Organisation
from registry.register.models import Filing, FilingKind, FilingStatus, RightsRequest
from registry.register.services import rights_requests as services
from registry.register.services.numbers import registration_number_allocate
from registry.register.services.rights_request_mail import rights_request_token

PERSONAL = {"requester_name": "Rosa Rightsholder", "requester_email": "rosa@authors.test"}


def list_as_gpai_provider(organisation: Organisation, model: str = "Acme Large") -> Filing:
    """The provider of a GPAI model on the Commission's list (Art 52(6)): the register's row as a
    registered listing leaves it (what public_filings() reads)."""
    return Filing.objects.create(
        organisation=organisation,
        kind=FilingKind.GPAI_ART52_NOTIFICATION,
        subject_type="gpai_model",
        subject_id=f"model-{model}",
        subject_name=model,
        registration_number=registration_number_allocate(),
        status=FilingStatus.REGISTERED,
        latest_version_number=1,
        registered_version_number=1,
        registered_at=timezone.now(),
    )


def request_input(**overrides: Any) -> services.RightsRequestInput:
    data = {
        "kind": "reservation",
        **PERSONAL,
        "acting_for": "self",
        "works": "The Lighthouse Keeper (novel, 2019), ISBN 978-3-16-148410-0",
        "work_urls": "https://authors.test/lighthouse",
        "request_text": "Remove my novel from your training data and honour my opt-out.",
        **overrides,
    }
    return services.RightsRequestInput(**data)


def file_request(
    organisation: Organisation, client_address: str = "203.0.113.7", **overrides: Any
) -> RightsRequest:
    return services.rights_request_file(
        provider=organisation,
        data=request_input(**overrides),
        client_address=client_address,
    )


def link_in(message: Any) -> str:
    """The confirmation link's path in a mail (locmem or SMTP)."""
    body = message if isinstance(message, str) else message.body
    found = re.search(r"https?://[^\s]+(/register/rights-requests/confirm/[^\s/]+/)", body)
    assert found, body
    return found.group(1)


def received_request(organisation: Organisation, **overrides: Any) -> RightsRequest:
    """A request filed and confirmed (the provider sees it)."""
    request = file_request(organisation, **overrides)
    return services.rights_request_confirm(token=rights_request_token(request))


def outbox_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if address in m.to]
