"""WCAG 2.1 SC 1.4.10 Reflow (issue 18): at 320 CSS pixels no page scrolls sideways, for every demo login in both
languages; and every page has no axe-core WCAG 2.1 A/AA violation, in Swedish at 320 px and in English on a
desktop window. The start pages are photographed at three widths."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from portal.demo import seed
from portal.extensions import db
from portal.models import Disclosure, SupplierConsultant, User
from tests import site_map
from tests.browser.conftest import axe_violations, every_page, sign_in

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
START_PAGES = {"anonymous": "/", "consultant": "/consultant/", "buyer": "/buyer/", "supplier": "/supplier/",
               "partner": "/partner/", "staff": "/staff/"}
WIDTHS = (320, 768, 1280)
LONG_NAME = "Nils Hieronymus Långnamnsson-Överbergsgrenadjärsson"
LONG_EMAIL = "nils.hieronymus.langnamnsson-overbergsgrenadjarsson@konsultverksamheten-i-norrland.example.se"

# The page's width, and when it is wider than the window, the outermost elements that stick out
# (not counting hidden ones, nor those inside a box that scrolls or clips them, such as .table-scroll).
OVERFLOW = """() => {
  const limit = window.innerWidth, width = document.documentElement.scrollWidth;
  if (width <= limit) return {width, limit, culprits: []};
  const element = node => node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const escapes = style => style.position === 'absolute' || style.position === 'fixed';
  const clipped = node => {
    // An ancestor clips what it scrolls, except an absolute box whose containing block lies further out.
    let free = escapes(getComputedStyle(element(node)));
    for (let a = element(node).parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (free && style.position === 'static') continue;
      if (style.overflowX !== 'visible' && a.getBoundingClientRect().right <= limit) return true;
      free = escapes(style);
    }
    return false;
  };
  const right = node => {
    if (node.nodeType === Node.ELEMENT_NODE) return node.getBoundingClientRect().right;
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect().right;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const wide = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (element(node).checkVisibility() && right(node) > limit + 0.5 && !clipped(node)) wide.add(node);
  }
  const name = node => {
    const el = element(node);
    const text = el === node ? '' : ' text "' + node.textContent.trim().slice(0, 30) + '"';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('') +
      text + ' ' + Math.round(right(node)) + 'px';
  };
  const culprits = [...wide].filter(node => !wide.has(node.parentNode)).slice(0, 4).map(name);
  return {width, limit, culprits};
}"""


def _person(who: str) -> User | None:
    email = site_map.demo_email(who)
    return db.session.scalar(sa.select(User).where(User.email == email)) if email else None


def _long_names_and_addresses() -> None:
    """Real names and addresses can be long and unbroken: give them to people the logins see, the
    consultant released to a buyer (whose card keeps what was released), a supplier's consultant, a recruiter."""
    nils = db.session.scalar(sa.select(User).where(User.email == seed.demo_email("konsult2")))
    nils.name, nils.email = LONG_NAME, LONG_EMAIL
    table = Disclosure.__table__  # append-only for the portal; the test rewrites the snapshot below the ORM
    for row in db.session.execute(sa.select(table.c.id, table.c.released_json).where(table.c.consultant_id == nils.id)):
        released = json.loads(row.released_json)
        released.update({key: value for key, value in (("name", LONG_NAME), ("email", LONG_EMAIL)) if key in released})
        db.session.execute(table.update().where(table.c.id == row.id).values(released_json=json.dumps(released)))
    sara = db.session.scalar(sa.select(SupplierConsultant).order_by(SupplierConsultant.id).limit(1))
    sara.name, sara.email = "Sara Svensson-" + LONG_NAME.split()[-1], "sara." + LONG_EMAIL
    recruiter = db.session.scalar(sa.select(User).where(User.email == seed.demo_email("rekryterare")))
    recruiter.email = "rasmus." + LONG_EMAIL
    db.session.commit()


def _overflow(page) -> str | None:
    found = page.evaluate(OVERFLOW)
    if found["width"] > found["limit"]:
        return f"{found['width']} px wide: {', '.join(found['culprits'])}"
    return None


# One walk per language. Swedish opens every page at 320 px: overflow, then axe there. English opens it on a
# desktop window for axe, then narrows the window to 320 px, which lays the page out again as a narrow one.
@pytest.mark.parametrize("locale, opened_at", [("sv-SE", NARROW), ("en-GB", DESKTOP)], ids=["sv", "en"])
def test_every_page_passes_axe_and_none_scrolls_sideways_at_320_px(app, live_server, context_factory, locale, opened_at):
    site_map.load_demo()
    _long_names_and_addresses()
    problems, checked = [], 0
    for who, url, page in every_page(app, live_server, context_factory, locale, axe=True, viewport=opened_at):
        checked += 1
        if opened_at is DESKTOP:
            problems += [f"{who} {url}: axe at {DESKTOP['width']} px {violation}" for violation in axe_violations(page)]
            page.set_viewport_size(NARROW)
        if overflow := _overflow(page):
            problems.append(f"{who} {url}: {overflow}")
        if opened_at is NARROW:
            problems += [f"{who} {url}: axe {violation}" for violation in axe_violations(page)]
        else:
            page.set_viewport_size(DESKTOP)  # the walk opens the next page in this tab
    assert checked > 100
    assert problems == [], f"{len(problems)} problems ({locale}):\n" + "\n".join(problems)


def test_start_pages_are_photographed_at_three_widths(app, live_server, context_factory, repo_root):
    site_map.load_demo()
    folder = repo_root / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    for who, start in START_PAGES.items():
        page = context_factory(locale="sv-SE", viewport={"width": WIDTHS[0], "height": 800}).new_page()
        if person := _person(who):
            sign_in(page, live_server, person, seed.DEMO_PASSWORD)
        page.goto(live_server + start)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            path = folder / f"{'visitor' if who == 'anonymous' else who}-{width}.png"
            path.unlink(missing_ok=True)
            page.screenshot(path=str(path), full_page=True)
            assert path.is_file() and path.stat().st_size > 0, path
            if overflow := _overflow(page):
                problems.append(f"{who} {start} at {width} px: {overflow}")
        page.context.close()
    assert problems == [], "\n".join(problems)


def test_the_narrow_menu_opens_from_the_keyboard_and_wide_screens_show_the_links(app, live_server, context_factory):
    site_map.load_demo()
    db.session.execute(sa.update(User).values(locale="en"))
    db.session.commit()
    page = context_factory(locale="en-GB", viewport=NARROW).new_page()
    sign_in(page, live_server, _person("staff"), seed.DEMO_PASSWORD)
    page.goto(live_server + "/staff/")
    menu = page.locator("header summary")
    account = page.locator("header nav").get_by_role("link", name="Account")
    sign_out = page.locator("header").get_by_role("button", name="Sign out")
    assert menu.is_visible() and not account.is_visible() and not sign_out.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert account.is_visible() and sign_out.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav') !== null")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    assert not menu.is_visible() and account.is_visible() and sign_out.is_visible()
    page.locator("header .brand").focus()
    page.keyboard.press("Tab")  # straight from the brand to the first link: no menu button in the way
    assert page.evaluate("document.activeElement.closest('nav') !== null")
