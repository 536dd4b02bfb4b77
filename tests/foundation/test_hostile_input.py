"""Issue 12: what an attacker types never breaks a page (no 5xx) and never comes back as markup.

Over the demo data, as every kind of person (demo staff holds every staff role): every form the
pages offer, every POST route, every route with an id or a token, and every page after the people's
written text has been replaced by markup; with long, empty, wrong-type, confusable, HTML, htmx,
`javascript:`, SQL-looking and huge-integer values (tests/hostile.py). Finding 6 has its own
regression test: ids beyond 2^31−1 on every `<int:…>` route are 404.
"""
from __future__ import annotations

import logging
import os
import random
import re
from urllib.parse import quote, urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings, strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from portal.demo import seed
from portal.extensions import db
from portal.models import User
from portal.routing import INTEGER_MAX, BoundedIntegerConverter
from portal.security import access_for
from tests import hostile, site_map
from tests.conftest import sign_in

PEOPLE = ["consultant", "buyer", "supplier", "partner", "staff"]
EVERYONE = ["anonymous", *PEOPLE]
SCALE = int(os.environ.get("HOSTILE_SCALE", "1"))  # e.g. 10 for a longer search than CI's
FEW = settings(max_examples=4 * SCALE, deadline=None, database=None, suppress_health_check=list(HealthCheck))
ARGUMENT = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")
# Path arguments that are not ids: a value the route knows, so the rest of the route is reached.
KNOWN_WORDS = {"kind": ["skills", "experience", "reference_statement"], "name": ["portability"],
               "published": ["2019-04-15"], "token": ["bad-token"]}
QUERY = ["q", "page", "next", "state", "kind", "status", "queue", "saved", "skills-name", "consent_id"]
# Cases that wait for the lazy-translation escaping fix (issue 12, finding 1, another change): user
# text interpolated into `_l("…%(text)s", text=…)`, which Jinja takes as markup. Not skipped: they
# pass once that fix lands; a failure on these endpoints names its cause here.
MUST_WITH_WEIGHT = "_l('A must requirement … (“%(text)s”).', text=…) in services/assignments/lifecycle.py"
AWAITING_ESCAPING_FIX = {
    "supplier.offer_new": "_l('Evidence: %(text)s', text=requirement.text) in portal/supplier/forms.py",
    "consultant.add_entry": "_l('%(skill)s is already in your skills…', skill=…) in services/profiles/entries.py",
    "buyer.assignment_new": MUST_WITH_WEIGHT, "buyer.assignment_edit": MUST_WITH_WEIGHT,
}


class Site:
    """The demo data, a signed-in client per person, and what each of them can reach."""

    def __init__(self, app):
        self.app, self.errors, self.problems = app, [], []
        site_map.load_demo()
        self.people = {who: (user.id, user.email, user.password_hash) for who in PEOPLE
                       if (user := db.session.scalar(sa.select(User).where(User.email == site_map.demo_email(who))))}
        self.clients = {"anonymous": app.test_client(), **{who: self.signed_in(who) for who in PEOPLE}}
        handler = logging.Handler()
        handler.emit = self.errors.append
        app.logger.addHandler(handler)

    def user(self, who: str) -> User:
        return db.session.get(User, self.people[who][0])

    def signed_in(self, who: str):
        """A client signed in as `who`, whom the forms may have paused or given another address."""
        user_id, email, password_hash = self.people[who]
        db.session.execute(sa.update(User).where(User.id == user_id).values(
            email=email, password_hash=password_hash, is_disabled=False))
        client = self.app.test_client()
        sign_in(client, self.user(who), seed.DEMO_PASSWORD)
        return client

    def keep_signed_in(self, who: str) -> None:
        """A form may have signed its person out (sign-out, sessions, password): sign in again."""
        if who != "anonymous" and self.clients[who].get("/auth/account").status_code != 200:
            self.clients[who] = self.signed_in(who)

    def allowed(self, endpoint: str) -> str:
        """Someone the access table lets in, so the request reaches the view."""
        access = access_for(self.app, endpoint)
        if access is None or access.public:
            return "anonymous"
        return next((who for who in PEOPLE if access.allows(self.user(who))), "staff")

    def crawl(self, who: str) -> hostile.Crawl:
        with self.app.test_request_context():
            start = site_map.urls(self.app)
        return hostile.crawl(self.app, self.clients[who], start,
                             check=lambda response, url: self.attempt(lambda: self.check(response, who, "GET", url)))

    def send(self, who: str, method: str, url: str, **kwargs) -> None:
        """One request as `who`, checked. Hypothesis fixes the global random seed per example, and whoosh
        names its index segments with `random`: equal names would collide, so reseed first."""
        random.seed()
        response = self.clients[who].open(url, method=method, **kwargs)
        self.check(response, who, method, url, kwargs)

    def check(self, response, who: str, method: str, url: str, sent: dict | None = None) -> None:
        """Never 5xx, never a hostile marker as written, never a redirect off the site."""
        what = f"{who} {method} {url}"
        body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        response.close()  # a download streams a file
        if response.status_code >= 500:
            trace = next((logging.Formatter().format(r) for r in reversed(self.errors) if r.exc_info), "")
            raise AssertionError(f"{what} → {response.status_code}\nsent: {sent}"[:3000] + f"\n{trace[-2500:]}")
        if found := hostile.unescaped(body):
            endpoint, _ = hostile.endpoint_of(self.app, url, method)
            raise AssertionError(f"{what} → unescaped {found}\n{AWAITING_ESCAPING_FIX.get(endpoint, '')}\n"
                                 f"sent: {sent}"[:3000])
        for header in ("Location", "HX-Redirect"):
            target = urlsplit(response.headers.get(header, ""))
            assert target.scheme in ("", "http") and target.netloc in ("", "localhost"), f"{what} → {header} {target}"

    def attempt(self, run) -> None:
        """Run one hypothesis test; keep its failure and go on, so one run reports every broken route."""
        try:
            run()
        except AssertionError as error:
            self.problems.append(str(error))

    def assert_no_problems(self) -> None:
        assert not self.problems, f"{len(self.problems)} failing:\n\n" + "\n\n".join(self.problems)


@pytest.fixture
def site(app, csrf_off):
    return Site(app)


def rules_with_arguments(app, method: str):
    return [r for r in sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
            if r.arguments and method in r.methods and r.endpoint != "static"]


def int_arguments(rule) -> list[str]:
    return [name for name, converter in rule._converters.items() if isinstance(converter, BoundedIntegerConverter)]


def fill(rule, values: dict) -> str:
    """The rule's path with each argument replaced by its value in `values` (quoted)."""
    return ARGUMENT.sub(lambda m: quote(str(values[m.group(1)]), safe=""), rule.rule)


def path_values(rule, ids: dict[str, set]):
    """Each argument: an id seen in someone's pages, a made-up one, or for words a known or hostile value."""
    ints = set(int_arguments(rule))

    def value(name: str):
        real = sorted(ids.get(name, ()), key=str)
        if name in ints:
            made_up = st.one_of(st.sampled_from([0, 1, INTEGER_MAX]), st.integers(0, INTEGER_MAX))
        else:
            made_up = st.one_of(st.sampled_from(KNOWN_WORDS.get(name, ["x"])), st.sampled_from(hostile.PAYLOADS[:14]),
                                st.text(min_size=1, max_size=30).filter(lambda s: s not in (".", "..")))
        return st.one_of(st.sampled_from(real), made_up) if real else made_up

    return st.fixed_dictionaries({name: value(name) for name in rule.arguments})


# Finding 6 ------------------------------------------------------------------------------------

def test_ids_beyond_integer_are_not_found_on_every_int_route(site):
    """2^31 (PostgreSQL), 2^63, 2^64 and 10^30 in any `<int:…>` used to reach the database: a 500."""
    rules = [r for r in rules_with_arguments(site.app, "GET") + rules_with_arguments(site.app, "POST")
             if int_arguments(r)]
    assert len({r.rule for r in rules}) >= 21
    for rule in rules:
        method = "GET" if "GET" in rule.methods else "POST"
        who = site.allowed(rule.endpoint)
        for huge in hostile.HUGE_IDS:
            values = {name: KNOWN_WORDS.get(name, [huge])[0] for name in rule.arguments}
            url = fill(rule, {**values, **dict.fromkeys(int_arguments(rule), huge)})
            response = site.clients[who].open(url, method=method)
            assert response.status_code == 404, f"{who} {method} {url} → {response.status_code}"


@pytest.mark.parametrize(("path", "found"), [
    ("2147483647", True), ("0", True), ("2147483648", False), ("9223372036854775808", False), ("9" * 400, False),
    ("007", False), ("١٢", False), ("-1", False), ("+1", False), ("1_0", False), (" 1", False),
])
def test_int_converter_takes_only_ascii_ids_an_integer_column_holds(app, path, found):
    adapter = app.url_map.bind("localhost")
    if found:
        assert adapter.match(f"/assignments/{path}") == ("public.assignment", {"assignment_id": int(path)})
    else:
        with pytest.raises(NotFound):
            adapter.match(f"/assignments/{path}", method="GET")


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=2**70))
def test_int_converter_matches_exactly_the_ids_an_integer_column_holds(number):
    assert bool(re.fullmatch(BoundedIntegerConverter.regex, str(number))) == (number <= INTEGER_MAX)


def test_int_converter_keeps_its_bound_when_a_rule_asks_for_more(app):
    converter = BoundedIntegerConverter(app.url_map, max=2**80)
    assert converter.max == INTEGER_MAX and converter.min == 0
    with pytest.raises(ValueError):
        BoundedIntegerConverter(app.url_map, signed=True)


# The hostile-input test ------------------------------------------------------------------------

@pytest.mark.parametrize("people", [EVERYONE[:3], EVERYONE[3:]], ids=lambda people: "+".join(people))
def test_every_form_takes_hostile_values(site, people):
    """Each person's forms, as their pages offer them, with fields replaced by hostile values: markup in
    what people type (twice, for "already exists" messages), in every field, a huge number in every
    field, then at random. In two halves, so two workers share them."""
    forms, per_endpoint = [], {}
    for who in people:
        for form in site.crawl(who).forms:
            per_endpoint[form.key] = per_endpoint.get(form.key, 0) + 1
            if per_endpoint[form.key] <= 2:  # the same form for a third person adds little
                forms.append((who, form))
    assert len({form.endpoint for _, form in forms}) > 30
    # Forms that end a session or ask for erasure last: the others still have someone to act as.
    forms.sort(key=lambda item: item[1].endpoint.startswith(("auth.logout", "auth.end", "privacy.erasure")))
    for who, form in forms:
        site.attempt(lambda: post_form(site, who, form))
        site.keep_signed_in(who)
    site.assert_no_problems()


def post_form(site: Site, who: str, form: hostile.FoundForm) -> None:
    names = sorted(form.fields)
    first_button = (form.buttons or [("", "")])[0]
    values = st.fixed_dictionaries({name: st.one_of(st.just(form.base(None).get(name, "")), hostile.text_values,
                                                    st.none()) for name in names})

    @settings(FEW, max_examples=3 * SCALE)
    @given(values=values, button=st.sampled_from(form.buttons or [("", "")]), htmx=st.booleans())
    @example(values=form.markup(), button=first_button, htmx=False)
    @example(values=form.markup(), button=first_button, htmx=True)
    @example(values=dict.fromkeys(names, hostile.HTMX), button=first_button, htmx=False)
    @example(values=dict.fromkeys(names, str(2**64)), button=first_button, htmx=False)
    def post(values, button, htmx):
        data = MultiDict(form.base(button))
        for name, value in values.items():
            data.poplist(name)
            if value is not None:  # None: the field is left out
                data.setlist(name, value if isinstance(value, list) else [value])
        site.send(who, "POST", form.action, data=data, headers={"HX-Request": "true"} if htmx else {})

    post()


def test_every_post_route_with_an_id_takes_hostile_values(site):
    """Every POST route with an argument, reached directly, with real and made-up ids and any field
    names the pages use: also the routes whose form the demo data does not show."""
    ids, names = seen_in_pages(site)
    for rule in rules_with_arguments(site.app, "POST"):
        who = site.allowed(rule.endpoint)

        @FEW
        @given(values=path_values(rule, ids),
               data=st.dictionaries(st.sampled_from(names), hostile.text_values, max_size=8))
        def post(values, data):
            site.send(who, "POST", fill(rule, values), data=data)

        site.attempt(post)
        site.keep_signed_in(who)
    site.assert_no_problems()


def test_every_route_with_an_id_as_every_person(site):
    """Every GET route with an argument, as each person, with others' ids and hostile queries."""
    ids, _ = seen_in_pages(site)
    for rule in rules_with_arguments(site.app, "GET"):
        for who in EVERYONE:

            @settings(FEW, max_examples=3 * SCALE)
            @given(values=path_values(rule, ids),
                   query=st.dictionaries(st.sampled_from(QUERY), hostile.text_values, max_size=3))
            def get(values, query):
                site.send(who, "GET", fill(rule, values), query_string=query)

            site.attempt(get)
    site.assert_no_problems()


def test_written_text_is_escaped_on_every_page(site):
    """Everything people wrote, replaced by markup in the database, comes back escaped on every page
    each person can reach (stored cross-site scripting, issue 12 finding 1)."""
    assert hostile.store_hostile_text(db) > 60
    for who in EVERYONE:
        site.crawl(who)
    site.assert_no_problems()


def seen_in_pages(site: Site) -> tuple[dict[str, set], list[str]]:
    """The URL argument values in the links people's pages show (so others' real ids are tried too),
    and the names of the fields in their forms."""
    ids: dict[str, set] = {}
    names: set[str] = set()
    for who in PEOPLE:
        found = site.crawl(who)
        for name, values in found.args.items():
            ids.setdefault(name, set()).update(values)
        names.update(name for form in found.forms for name in form.fields)
    return ids, sorted(names)
