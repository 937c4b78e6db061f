from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from reclamo.accounts.models import User
from reclamo.accounts.services import user_language_set


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also saves the choice as a signed-in user's setting."""
    language = request.POST.get("language", "")
    user = request.user
    if isinstance(user, User) and language in dict(settings.LANGUAGES):
        user_language_set(user=user, language=language)
    return set_language(request)
