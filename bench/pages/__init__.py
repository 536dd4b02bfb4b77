"""Page speed of the portal under gunicorn, as a ratio to hello world (issue #17): `python -m bench.pages`."""
