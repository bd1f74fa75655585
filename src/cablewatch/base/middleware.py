from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import check_for_language


class DefaultLanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the user chose otherwise (language cookie).

    The browser's Accept-Language is not consulted: the platform's working
    language is Chinese, and English is an explicit choice on the page.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
