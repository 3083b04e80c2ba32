"""What the resource endpoints share: the locked update with If-Match, lists inside actions,
file downloads, the CSV renderer that lets `?format=csv` reach a view, and the base and OpenAPI
description of a plain list/read/create/update resource."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from django.db import models, transaction
from django.http import FileResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.renderers import ProblemJSONRenderer
from portal.api.views import OrganisationViewSet
from portal.downloads import attachment
from portal.errors import Conflict, NotFound


class CSVRenderer(BaseRenderer):
    """Lets content negotiation accept `?format=csv` / `Accept: text/csv`; the views build the
    CSV themselves (an HttpResponse), so this renderer only ever passes bytes through."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        return data if isinstance(data, bytes | str) else b""


class DownloadRenderer(JSONRenderer):
    """For downloads: a client that asks for the file's own type (`Accept: application/pdf`) is
    not refused with 406. The file itself is a FileResponse and never rendered; a refusal
    (problem+json) is still rendered as JSON."""

    media_type = "*/*"
    format = "download"


DOWNLOAD_RENDERERS = [JSONRenderer, ProblemJSONRenderer, DownloadRenderer]


class LockedUpdateMixin:
    """PATCH/DELETE of one row: lock it, compare If-Match with its current ETag, then call the
    service, all in one transaction, so the check and the write see the same row."""

    etag_actions: ClassVar[frozenset[str]] = frozenset({"retrieve", "create", "partial_update"})

    def locked_update(self, change: Callable[[Any], Any]) -> Response:
        with transaction.atomic():
            instance = self.get_object_for_update()  # type: ignore[attr-defined]
            self.check_if_match(instance)  # type: ignore[attr-defined]
            change(instance)
        instance = self.get_object()  # type: ignore[attr-defined]
        data = self.get_serializer(instance).data  # type: ignore[attr-defined]
        return self.with_etag(Response(data), instance)  # type: ignore[attr-defined]

    def locked_delete(self, delete: Callable[[Any], Any]) -> Response:
        with transaction.atomic():
            instance = self.get_object_for_update()  # type: ignore[attr-defined]
            self.check_if_match(instance)  # type: ignore[attr-defined]
            delete(instance)
        return Response(status=204)

    def retrieve_with_etag(self, instance: models.Model, status: int = 200) -> Response:
        data = self.get_serializer(instance).data  # type: ignore[attr-defined]
        return self.with_etag(Response(data, status=status), instance)  # type: ignore[attr-defined]


def paginated_list(
    view: Any, queryset: Any, serializer_class: type, *, ordering: tuple[str, ...] | None = None
) -> Response:
    """A cursor-paginated list inside a detail action (e.g. a system's classifications), in
    the view's `cursor_ordering` or in `ordering` (a unique key within `queryset`)."""
    page = view.paginator.paginate_queryset(queryset, view.request, view=view, ordering=ordering)
    data = serializer_class(page, many=True, context=view.get_serializer_context()).data
    return view.get_paginated_response(data)


# On an answer that shows a secret once (a new API key, a webhook's signing secret; issue 14 item 8).
NO_STORE = {"Cache-Control": "no-store"}


def file_download(path: Path, *, filename: str, content_type: str | None = None) -> FileResponse:
    """Stream a stored file (never read whole into memory) as an attachment."""
    if not path.is_file():
        # The row exists but its bytes are gone: an operator problem, not the caller's.
        raise Conflict("The file is not available right now.", code="file_unavailable")
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return attachment(path, filename=filename, content_type=content_type)


def not_found(message: str = "Not found.", code: str = "not_found") -> NotFound:
    return NotFound(message, code=code)


class IdListField(serializers.ListField):
    """A list of row ids (of this organisation; the service checks each)."""

    child = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


def resource_schema(
    prefix: str, *, tag: str, write: type, update: type, read: type
) -> dict[str, Any]:
    """extend_schema_view(**...) arguments of a list/retrieve/create/partial_update resource."""
    tags = [tag]
    return {
        "list": extend_schema(operation_id=f"{prefix}_list", tags=tags),
        "retrieve": extend_schema(operation_id=f"{prefix}_retrieve", tags=tags),
        "create": extend_schema(
            operation_id=f"{prefix}_create", tags=tags, request=write, responses={201: read}
        ),
        "partial_update": extend_schema(
            operation_id=f"{prefix}_partial_update",
            tags=tags,
            request=update,
            responses={200: read},
        ),
    }


class ResourceViewSet(
    LockedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet
):
    """A workspace resource read with its ETag, created by POST, changed by PATCH with If-Match."""

    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def retrieve(self, request: Request, pk: str) -> Response:
        return self.retrieve_with_etag(self.get_object())
