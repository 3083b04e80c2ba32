from __future__ import annotations

import uuid

from django.db import models


class WorkspaceModel(models.Model):
    """Every workspace row has a random ``uid`` besides its id. Ids repeat across organisation
    schemas; the uid does not, so a service handed an instance loaded in another schema can
    tell it is not the row with the same id here (see ``registry.workspace.references``)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
