"""What the resource endpoints share: the locked update with If-Match, lists inside actions,
file downloads, the CSV renderer that lets `?format=csv` reach a view, and the base and OpenAPI
description of a plain list/read/create/update resource."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from django.db import models, transaction
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.renderers import JSONRenderer, ProblemJSONRenderer
from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet
from portal.downloads import attachment
from portal.errors import Conflict, NotFound, ValidationFailed


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
        raise Conflict(_("The file is not available right now."), code="file_unavailable")
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
    """A workspace resource read with its ETag, created by POST, changed by PATCH with If-Match.

    A resource names its payloads (``write_serializer``; ``update_serializer`` where PATCH takes
    fewer fields) and calls its services in ``create_row`` and ``update_row``; reading the
    payload, the lock and the ETag are written here once."""

    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    write_serializer: ClassVar[type[serializers.Serializer]]
    update_serializer: ClassVar[type[serializers.Serializer] | None] = None

    def create_row(self, actor: Any, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def update_row(self, actor: Any, row: Any, data: dict[str, Any]) -> object:
        raise NotImplementedError

    def create(self, request: PortalRequest) -> Response:
        payload = self.write_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        row = self.create_row(request.actor, dict(payload.validated_data))
        # Read back through the scoped queryset, so the answer is the one GET gives.
        return self.retrieve_with_etag(self.get_queryset().get(pk=row.pk), 201)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        serializer = self.update_serializer or self.write_serializer
        payload = serializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self.locked_update(
            lambda row: self.update_row(request.actor, row, dict(payload.validated_data))
        )

    def retrieve(self, request: Request, pk: str) -> Response:
        return self.retrieve_with_etag(self.get_object())


R = TypeVar("R", bound=ResourceViewSet)


def documented_resource(prefix: str, *, tag: str, **more: Any) -> Callable[[type[R]], type[R]]:
    """``extend_schema_view`` of a resource from its own serializers (``serializer_class`` read,
    ``write_serializer`` and ``update_serializer`` taken); ``more`` adds or replaces operations."""

    def document(viewset: type[R]) -> type[R]:
        schema = resource_schema(
            prefix,
            tag=tag,
            write=viewset.write_serializer,
            update=viewset.update_serializer or viewset.write_serializer,
            read=viewset.serializer_class,  # type: ignore[arg-type]
        )
        return extend_schema_view(**{**schema, **more})(viewset)

    return document


def export_format(request: Any) -> str:
    """`?format=json|csv` of an export (json when absent); anything else, an empty value
    included, is 400 as the document's enum says."""
    value = request.query_params.get("format")
    if value is None:
        return "json"
    if value not in ("json", "csv"):
        raise ValidationFailed(
            _("The format is not valid."), field_errors={"format": [_("Either json or csv.")]}
        )
    return str(value)
