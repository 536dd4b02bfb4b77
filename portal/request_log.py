"""One structured line per request: what and how long, never who or which personal data."""
from __future__ import annotations

import json
import logging
import re
import time

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("portal.request")
_DEV_SERVER_LINE = re.compile(r"^\S+ - - \[")


class _NoDevServerRequestLines(logging.Filter):
    """The development server logs each request with the client IP and the full path (which can
    hold a token); our own line above replaces it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and _DEV_SERVER_LINE.match(str(record.msg)))


def register(app: Flask) -> None:
    if not logger.handlers and not app.testing:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    werkzeug_logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoDevServerRequestLines) for f in werkzeug_logger.filters):
        werkzeug_logger.addFilter(_NoDevServerRequestLines())

    @app.before_request
    def start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.pop("request_started", None)
        # The endpoint, not the path: paths can carry tokens and ids.
        logger.info(json.dumps({
            "method": request.method,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "role": current_user.role if current_user.is_authenticated else None,
            "htmx": request.headers.get("HX-Request") == "true",
        }))
        return response
