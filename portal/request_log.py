"""One structured line per request: what and how long, never who or which personal data."""
from __future__ import annotations

import json
import logging
import time

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("portal.request")


def register(app: Flask) -> None:
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
