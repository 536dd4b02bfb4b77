"""Hostile values and a small spider for the hostile-input test (issue 12): what an attacker types,
and the forms and ids each person can reach in the demo data, found by following the pages' links."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect


class Long(str):
    """A long value with a short repr, so a failing example stays readable."""

    def __repr__(self) -> str:
        return f"Long({self[:1]!r} * {len(self)})"


HTMX = "<i hx-get=/x hx-trigger=load>hx</i>"
PAYLOADS = [
    HTMX,
    "<script>alert('hostile')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onfocus='alert(2)' autofocus='",
    "javascript:alert(3)",
    " JaVaScRiPt:alert(4)",
    "＜i hx-get=/x hx-trigger=load＞fullwidth＜/i＞",  # NFKC turns these into < and >
    "аdmin@еxample.se",  # Cyrillic а and е
    "\u202egnp.exe\u200b\u200d\ufeff",
    "' OR 1=1 --", "1; DROP TABLE users; --", "%_\\%", "{{ 7*7 }}{% raw %}",
    "", " ", "\t\n", Long("x" * 5000), Long("ä" * 70_000),
    str(2**63), str(2**64), "9" * 40, "-1", "-" + str(2**63 + 1), "0", "007", "1_000", "1e308", "NaN",
    "inf", "sNaN", "1e-999999", "0x10", "12.5", "²", "١٢", "²²²²²²²", "١٢٣٤٥٦٧٨", "١٩٨٥٠٦١٢٣٤٥٦",
    "true", "null", "[]", "{}", "2019-02-30", "0000-00-00", "9999-12-31", "\x00",
]
HUGE_IDS = [2**31, 2**63, 2**64, 10**30]

# What must never come back as written: markup that would act, and URLs that would run script.
UNESCAPED = [re.compile(p, re.IGNORECASE) for p in (
    r"<i hx-get=/x", r"<script>alert\('hostile'\)", r"<img src=x onerror", r"' onfocus='alert",
    r"""(?:href|src|action|formaction|hx-[a-z]+)\s*=\s*["']?\s*javascript:""",
)]

text_values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=3),  # one field sent several times
)


# Columns that hold what people wrote (or sent: a User-Agent is a session's device), by table.
WRITTEN = {
    "users": ["name", "job_title", "phone"], "organisations": ["name"],
    "assignments": ["title", "description", "role", "languages", "location", "procurement_reference",
                    "framework_agreement"],
    "assignment_requirements": ["text"], "assignment_comments": ["body"], "assignment_ratings": ["comment"],
    "offer_answers": ["evidence"], "supplier_consultants": ["name"], "skills": ["name"],
    "consultant_profiles": ["street", "city", "title", "summary", "region", "company_name"],
    "employment_entries": ["employer", "title", "description"], "education_entries": ["school", "degree"],
    "certificates": ["name", "issuer"], "profile_interests": ["text"], "profile_industries": ["name"],
    "profile_references": ["referee_name", "role", "company", "contact", "relation"],
    "reference_statements": ["author", "text"], "excluded_organisations": ["name"],
    "privacy_requests": ["name", "details", "extension_reason", "refusal_text"], "privacy_messages": ["body"],
    "data_disputes": ["reason", "resolution"], "legal_holds": ["reason"], "processing_restrictions": ["reason"],
    "service_requests": ["subject"], "service_messages": ["body"], "shortlist_entries": ["reason", "removal_reason"],
    "partner_contacts": ["responsibility"], "partner_documents": ["title", "filename"], "attachments": ["filename"],
    "cookie_entries": ["provider", "purpose_en", "purpose_sv"], "outbox_mails": ["subject", "body_text"],
    "user_sessions": ["device"], "data_transfers": ["destination"],
}
LINKS = {"contact", "destination", "company", "filename"}  # columns a page might put in an href


def store_hostile_text(db) -> int:
    """Overwrite every written column of the demo data with markup (ending in the row's id, so unique
    names stay unique; a `javascript:` URL first where a page might link it); the columns changed."""
    import sqlalchemy as sa

    from portal.models import Base

    for name, columns in WRITTEN.items():
        table = Base.metadata.tables[name]
        for column in columns:
            markup = ("javascript:alert(3)//" if column in LINKS else "") + HTMX + '"><img src=x onerror=alert(1)>'
            payload = markup[:(table.c[column].type.length or 200) - 8]
            db.session.execute(sa.update(table).where(table.c[column].is_not(None)).values(
                {column: sa.literal(payload, sa.String) + sa.cast(table.c.id, sa.String)}))
    db.session.commit()
    return sum(map(len, WRITTEN.values()))


def unescaped(body: str) -> list[str]:
    """The hostile markers that appear in `body` as written, each with the text around it."""
    return [body[max(0, m.start() - 80):m.end() + 40] for pattern in UNESCAPED if (m := pattern.search(body))]


@dataclass
class FoundForm:
    action: str
    endpoint: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → the values the page offers
    buttons: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # name → input type, "select" or "textarea"
    key: str = ""  # the endpoint and its arguments other than ids: forms with one key are alike

    def base(self, button: tuple[str, str] | None) -> dict[str, str]:
        data = {name: values[0] for name, values in self.fields.items() if values}
        if button and button[0]:
            data[button[0]] = button[1]
        return data

    def markup(self) -> dict[str, str]:
        """Markup in every field a person types into; numbers and choices kept valid, so the values get
        past the form's checks to the service (and into its messages)."""
        base = self.base(None)
        return {name: base.get(name) or VALID.get(kind, "") if kind in KEPT else HTMX
                for name, kind in self.kinds.items()}


VALID = {"number": "3", "date": "2031-03-03", "email": "hostile@example.se"}
KEPT = {"select", "checkbox", "radio", "hidden", *VALID}


class _Page(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.links, self.forms, self._form, self._select, self._textarea = url, [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for key in ("href", "hx-get"):
            if a.get(key):
                self.links.append(a[key])
        if tag == "form":
            method = a.get("method", "get").lower()
            self._form = {"method": method, "action": a.get("action") or self.url, "fields": {}, "buttons": [],
                          "files": [], "kinds": {}}
            self.forms.append(self._form)
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form["kinds"].setdefault(name, kind)
            if kind == "file":
                form["files"].append(name)
            elif kind == "submit":
                form["buttons"].append((name, a.get("value", "")))
            elif kind not in ("checkbox", "radio") or "checked" in a:
                form["fields"].setdefault(name, []).append(a.get("value", ""))
            else:
                form["fields"].setdefault(name, [])
        elif tag == "button" and a.get("type", "submit") == "submit":
            form["buttons"].append((name, a.get("value", "")))
        elif tag in ("select", "textarea") and name:
            form["kinds"].setdefault(name, tag)
        if tag == "select" and name:
            self._select = form["fields"].setdefault(name, [])
        elif tag == "option" and self._select is not None:
            self._select.insert(0 if "selected" in a else len(self._select), a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = form["fields"].setdefault(name, [""])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _match(adapter, path: str, method: str):
    try:
        return adapter.match(path, method=method)
    except (HTTPException, RequestRedirect):
        return None, None


def _key(endpoint: str | None, args: dict | None) -> str:
    words = sorted(f"{k}={v}" for k, v in (args or {}).items() if not isinstance(v, int))
    return " ".join([endpoint or "", *words])


def endpoint_of(app, url: str, method: str = "GET"):
    """(endpoint, arguments) of a same-site URL, or (None, None)."""
    return _match(app.url_map.bind("localhost"), urlsplit(url).path, method)


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # path → endpoint
    forms: list[FoundForm] = field(default_factory=list)
    args: dict[str, set] = field(default_factory=dict)  # URL argument name → values seen


def crawl(app, client, start: list[str], check=None, per_endpoint: int = 2, limit: int = 200) -> Crawl:
    """Follow same-site links from `start`, at most `per_endpoint` pages per endpoint; collect
    the POST forms and the ids in the URLs. `check(response, url)` sees every page."""
    adapter = app.url_map.bind("localhost")
    found, queue, seen_endpoints, seen_forms = Crawl(), list(start), {}, {}
    while queue and len(found.pages) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        if urlsplit(url).netloc or not path.startswith("/") or path.startswith("/static") or url in found.pages:
            continue
        endpoint, args = _match(adapter, path, "GET")
        if endpoint is None or seen_endpoints.get(_key(endpoint, args), 0) >= per_endpoint or endpoint == "auth.logout":
            continue
        seen_endpoints[_key(endpoint, args)] = seen_endpoints.get(_key(endpoint, args), 0) + 1
        for name, value in args.items():
            found.args.setdefault(name, set()).add(value)
        with client.get(url) as response:  # closed: a download streams a file
            found.pages[url] = endpoint
            body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            if check:
                check(response, url)
        if response.status_code != 200 or not body:
            continue
        page = _Page(path)
        page.feed(body)
        queue += page.links
        for form in page.forms:
            action = urlsplit(form["action"]).path or path
            if form["method"] != "post":
                queue.append(action)
                continue
            post_endpoint, post_args = _match(adapter, action, "POST")
            key = _key(post_endpoint, post_args)
            if post_endpoint is None or seen_forms.get(key, 0) >= per_endpoint:
                continue
            seen_forms[key] = seen_forms.get(key, 0) + 1
            for name, value in post_args.items():
                found.args.setdefault(name, set()).add(value)
            found.forms.append(FoundForm(action, post_endpoint, form["fields"], form["buttons"], form["files"],
                                         {n: k for n, k in form["kinds"].items() if k not in ("submit", "file")}, key))
    return found
