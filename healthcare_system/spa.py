from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

_NOT_BUILT = """<!doctype html><title>Front end not built</title>
<p>The web app has not been built yet. Run <code>make run</code> (or
<code>cd healthcare-frontend && npm ci && npm run build</code>). The API is at
<a href="/swagger/">/swagger/</a> and the admin at <a href="/admin/">/admin/</a>.</p>"""


@never_cache
def spa_index(request, path=""):
    """The SPA's index.html for ``/`` and every client-side route."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(_NOT_BUILT, status=503)
    return HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
