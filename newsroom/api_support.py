"""Pieces every API viewset shares: pagination, method handling and the documented error bodies."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import authentication, exceptions, serializers
from rest_framework.pagination import PageNumberPagination


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, failing loudly (401) for a token sent as a bearer token.

    "Authorization: Bearer …" is the usual slip of a script written for another API; DRF ignores
    a scheme it does not know, so the script quietly got the reader's view. Other schemes (Basic,
    Digest, Negotiate) are left to whatever sent them: a proxy in front of the site may.
    """

    def authenticate(self, request):
        scheme = authentication.get_authorization_header(request).split(maxsplit=1)[:1]
        if scheme and scheme[0].lower() == b"bearer":
            raise exceptions.AuthenticationFailed(
                f'Unsupported authorization scheme; send the header as "Authorization: {self.keyword} <key>".'
            )
        return super().authenticate(request)


class PagePagination(PageNumberPagination):
    """``?page=N&page_size=M``; the page size is capped so a client cannot ask for the whole archive."""

    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (1 to 100, default 20; more is capped at 100)."
    max_page_size = 100

    def get_page_size(self, request):
        """DRF quietly used the default for ``page_size=0``, ``-1`` or ``abc``: a client that
        asked for something else is told, as for any other bad parameter (400)."""
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and value != "" and not (value.isdigit() and int(value) >= 1):
            raise exceptions.ValidationError({"page_size": ["A whole number from 1 to 100."]})
        return super().get_page_size(request)


class NotAllowedFirstMixin:
    """Answer 405 to a method an endpoint does not have, whoever asks.

    DRF checks permissions before it looks for the handler, so without this an anonymous
    ``DELETE /api/entities/`` would get 401, a reporter 403 and an editor 405 for the same
    missing method. The matrix is easier to read (and to rely on) when it is always 405.
    """

    def check_permissions(self, request):
        method = request.method.lower()
        missing = getattr(self, "action", None) is None or method not in self.http_method_names
        if missing and method != "options":
            return
        super().check_permissions(request)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in one line.")


def error(description):
    return OpenApiResponse(ErrorSerializer, description=description)


INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input: field names mapped to lists of messages, or a ``detail`` message.",
)
UNAUTHENTICATED = error("Credentials missing or invalid (anonymous clients may only read).")
FORBIDDEN = error("Authenticated, but the user lacks the permission this needs.")
NOT_FOUND = error("No such object visible to this client, or a page past the end.")
UNSUPPORTED = error("The request body is in a media type the endpoint does not read (send JSON).")
THROTTLED = error("Too many requests; retry after the number of seconds in Retry-After.")

READ_ERRORS = {400: INVALID, 401: UNAUTHENTICATED, 404: NOT_FOUND, 429: THROTTLED}
WRITE_ERRORS = {
    400: INVALID,
    401: UNAUTHENTICATED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    415: UNSUPPORTED,
    429: THROTTLED,
}
