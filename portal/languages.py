"""Which language a page is in: the person's setting, their choice (this visit, or remembered with
consent to preferences), the browser, Swedish."""
from flask import current_app, request, session
from flask_login import current_user


# Set only with consent to preferences (portal.auth.views.set_language); documented in the registry.
LANG_COOKIE = "lang"


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in supported:
        return chosen
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]
