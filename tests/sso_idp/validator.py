from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

UNVERIFIED_GROUP = "unverified-email"


class ClaimsValidator(OAuth2Validator):
    """The e-mail claims the portal maps people by; a user in the group ``unverified-email``
    has an address the provider never verified."""

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED_GROUP).exists(),
            "name": user.get_full_name(),
        }
