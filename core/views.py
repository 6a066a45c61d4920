"""The site's front door: where an editor, an analyst or a partner developer goes next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

FAVICON = "factcheck/favicon.svg"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on their own (the API docs, a JSON answer): the SVG.

    Resolved per request, not at import: in production the static URL carries the manifest's
    hash, and a temporary redirect lets a new icon replace the old one.
    """
    return HttpResponseRedirect(static(FAVICON))
