"""What a request may carry: an id in a path is a number the database can hold, or the page does not
exist; no value holds a NUL character."""
from __future__ import annotations

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

# The largest value of an INTEGER column on PostgreSQL, which every id is (SQLite's go to 2^63−1).
# A larger number used to reach the database: OverflowError on SQLite, "integer out of range" on
# PostgreSQL, a 500 either way (issue 12, finding 6).
INTEGER_MAX = 2**31 - 1


def digits_at_most(bound: int) -> str:
    """A regex for the decimal numbers 0…bound, ASCII digits and no leading zeros."""
    text = str(bound)
    shorter = [f"[1-9][0-9]{{0,{len(text) - 2}}}"] if len(text) > 1 else []
    same_length = []
    for i, digit in enumerate(text):
        lowest = 1 if i == 0 else 0
        if int(digit) > lowest:  # this digit smaller, the ones before equal, the rest anything
            same_length.append(f"{text[:i]}[{lowest}-{int(digit) - 1}][0-9]{{{len(text) - i - 1}}}")
    return "(?:" + "|".join(["0", *shorter, *same_length, text]) + ")"


class BoundedIntegerConverter(IntegerConverter):
    """`<int:…>` for ids: 0 ≤ n ≤ INTEGER_MAX, else 404. The bound is in the regex, so the router
    answers 404 (not 405 when a path has a GET and a POST rule) and never converts a huge string;
    `\\d` would also let other scripts' digits through."""

    regex = digits_at_most(INTEGER_MAX)

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,
                 signed: bool = False) -> None:
        if signed:
            raise ValueError("ids are never negative: give a signed number its own converter")
        bounded_max = INTEGER_MAX if max is None or max > INTEGER_MAX else max
        super().__init__(map, fixed_digits=fixed_digits, min=0 if min is None else min, max=bounded_max)


def register_converters(app: Flask) -> None:
    """Before any blueprint: a rule picks its converters when it is added to the map."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def refuse_nul_characters():
    """before_request: nobody types NUL, and PostgreSQL cannot store it in text (a 500 there): 400."""
    sent = [request.args] if request.method in ("GET", "HEAD", "OPTIONS") else [request.args, request.form]
    values = [request.path, *(f.filename or "" for files in request.files.listvalues() for f in files)]
    values += [text for fields in sent for name, given in fields.lists() for text in (name, *given)]
    if any("\x00" in value for value in values):
        abort(400)
