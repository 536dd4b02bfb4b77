"""The yardstick for page speed: a hello-world Flask app, served by the same gunicorn as the portal."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, world!"
