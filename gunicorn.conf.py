"""gunicorn settings for `make serve`; override with GUNICORN_CMD_ARGS."""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = 4
timeout = 30
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Request lines are logged by the app itself, without personal data; gunicorn's would add paths and IPs.
accesslog = None
errorlog = "-"
