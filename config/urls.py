from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from reclamo.accounts.views import language_choose
from reclamo.api.v1 import api
from reclamo.operations.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/setlang/", language_choose, name="set_language"),
    path("admin/", admin.site.urls),
]

# Pages people read: the language comes from the URL (/sk/…), else the user's setting.
urlpatterns += i18n_patterns(
    path("accounts/", include("reclamo.accounts.urls")),
    path("console/", include("reclamo.console.urls")),
    path("portal/", include("reclamo.portal.urls")),
    path("", include("reclamo.reporting.urls")),
    path("", include("reclamo.public.urls")),
)
