"""Escaping by construction (issue 12, finding 1): user text never enters a lazy translation or
Markup. flask-babel's lazy strings carry `__html__`, so Jinja prints them unescaped: a buyer's
requirement inside `_l("Evidence: %(text)s", text=…)` once became live htmx in a supplier's browser.
Lazy translations may take only constants (numbers, module-level CONSTANTS); anything else goes
through plain `gettext`, whose str result Jinja escapes."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAZY = {"lazy_gettext", "lazy_ngettext", "lazy_pgettext", "lazy_npgettext", "LazyString"}
MARKUP = {"Markup"}


def _names(tree: ast.AST, wanted: set[str]) -> set[str]:
    """`wanted` and every name a module imports one of them as (`lazy_gettext as _l`)."""
    names = set(wanted)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {alias.asname for alias in node.names if alias.name in wanted and alias.asname}
    return names


def _called(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)


def _constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right)
    return False


def lazy_calls_with_values(source: str) -> list[int]:
    """Line numbers of lazy translations given a value that is not a constant (`**values` included)."""
    tree = ast.parse(source)
    lazy = _names(tree, LAZY) | {"_l"}
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call) and _called(node) in lazy
            and any(k.arg is None or not _constant(k.value) for k in node.keywords)]


def markup_of_values(source: str) -> list[int]:
    """Line numbers of `Markup(…)` made from anything but a literal."""
    tree = ast.parse(source)
    markup = _names(tree, MARKUP)
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call) and _called(node) in markup
            and (node.keywords or not all(isinstance(a, ast.Constant) for a in node.args))]


def _offenders(check) -> dict[str, list[int]]:
    return {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "portal").rglob("*.py"))
            if (lines := check(p.read_text(encoding="utf-8")))}


def test_no_lazy_translation_carries_a_value():
    assert _offenders(lazy_calls_with_values) == {}


def test_no_markup_is_made_from_a_value():
    assert _offenders(markup_of_values) == {}


def test_no_template_marks_a_value_safe():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.html")
                 if "|safe" in p.read_text(encoding="utf-8").replace(" ", "")
                 or "autoescapefalse" in p.read_text(encoding="utf-8").replace(" ", "")]
    assert offenders == []


def test_the_check_itself_catches_the_original_flaw():
    assert lazy_calls_with_values('x = _l("Evidence: %(text)s", text=requirement.text)') == [1]
    assert lazy_calls_with_values('from flask_babel import lazy_gettext as t\nx = t("%(a)s", a=b)') == [2]
    assert lazy_calls_with_values('x = _l("%(a)s to %(b)s", **{"a": old, "b": new})') == [1]
    assert lazy_calls_with_values('x = _l("At most %(max)d", max=MAX_DETAILS // 2**20)') == []
    assert lazy_calls_with_values('x = gettext("Evidence: %(text)s", text=requirement.text)') == []
    assert markup_of_values("Markup(user.name)") == [1]
    assert markup_of_values("from markupsafe import Markup as M\nM(f'<b>{name}</b>')") == [2]
    assert markup_of_values('Markup("<br>")') == []


def test_a_domain_error_is_plain_text_even_from_a_lazy_string(app):
    from flask_babel import lazy_gettext

    from portal.services import DomainError

    with app.test_request_context():
        error = DomainError(lazy_gettext("<i hx-get=/x hx-trigger=load>"))
        assert type(error.message) is str and not hasattr(error.message, "__html__")


def test_a_refusal_reaches_the_form_as_plain_text(app):
    from flask_babel import lazy_gettext

    from portal.forms import Form, apply_domain_error
    from portal.services import DomainError
    from wtforms import StringField

    class Named(Form):
        name = StringField()

    with app.test_request_context():
        form = Named(meta={"csrf": False})
        error = DomainError("x", field="name")
        error.message = lazy_gettext("<i hx-get=/x>")  # as a later change might set it
        apply_domain_error(form, error)
        error.field = None
        apply_domain_error(form, error)
        assert [type(m) for m in (*form.name.errors, *form.form_errors)] == [str, str]
