"""Pages of a public list: one that does not exist is a 404, never another page."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def page_or_404(paginator: Paginator, number: str | None):
    """Page ``number`` of ``paginator`` (the first when none is asked for). Page 0, -1, one past
    the last or not a number answers 404, as Django's ListView and the API do, instead of
    showing the last page under an address that does not exist."""
    try:
        return paginator.page(number or 1)
    except InvalidPage as exc:
        raise Http404("No such page.") from exc
