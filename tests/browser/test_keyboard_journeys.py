"""One keyboard-only journey per role (issue #18): WCAG 2.1 SC 2.1.1 Keyboard and SC 2.4.7 Focus Visible.

Chromium is driven with Tab, Shift+Tab, Enter, Space and typing only, never a pointer: every control a
journey uses is reached with Tab, and at every focus stop on the way the focused element must be shown
(an outline, or a style that changes with focus), lie in the viewport, be rendered and not be covered.
Every page reached is axe-clean, and its skip link moves focus to the main content.
"""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from portal.demo import seed
from portal.extensions import db
from portal.models import Assignment, ConsultantProfile, User
from tests import site_map
from tests.browser.conftest import assert_accessible
from tests.conftest import totp_code

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 800}
MAX_PRESSES = 80

# What is wrong with the focus right now, or null: the focused element must be rendered, lie (at least
# partly) in the viewport, not be covered by another element, and look focused: an outline, or else a
# style that differs from the same element blurred (box-shadow, colours, border, underline).
FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement)
    return 'focus is on no element (lost to the page)';
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    ' "' + (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const box = el.getBoundingClientRect();
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || box.width < 1 || box.height < 1)
    return name + ' is focused but not rendered';
  if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth)
    return name + ' is focused outside the viewport ' + JSON.stringify(box);
  const x = Math.min(Math.max((box.left + box.right) / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max((box.top + box.bottom) / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && !el.contains(top) && !top.contains(el)) return name + ' is covered by ' + top.tagName.toLowerCase();
  const look = () => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
            s.borderColor, s.borderWidth, s.textDecorationLine].join('|');
  };
  const s = getComputedStyle(el);
  const transparent = /rgba\\(.*,\\s*0\\)$|transparent/.test(s.outlineColor);
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent) return null;
  const focused = look();
  el.blur();
  const blurred = look();
  el.focus({preventScroll: true});
  return focused === blurred ? name + ' shows no outline and no change of style when focused' : null;
}"""
DESCRIBE_FOCUS = "() => document.activeElement?.outerHTML.slice(0, 120)"


def _focus_visible(page) -> str | None:
    """None when the focused element is visibly focused, in view and uncovered; otherwise what is wrong."""
    return page.evaluate(FOCUS_PROBLEM)


def _assert_focus_visible(page) -> None:
    problem = _focus_visible(page)
    assert problem is None, f"{page.url}: {problem}"


def _focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def _wait_for_focus_on(page, selector: str) -> None:
    """After an htmx swap: focus must arrive at `selector` (htmx focuses [autofocus] once the swap settles)."""
    try:
        page.wait_for_function("s => document.activeElement?.matches(s)", arg=selector, timeout=3_000)
    except PlaywrightTimeout:
        pytest.fail(f"{page.url}: focus went to {page.evaluate(DESCRIBE_FOCUS)}, not {selector}")
    _assert_focus_visible(page)


def _tab_to(page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`, checking every stop on the way."""
    for _ in range(MAX_PRESSES):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        _assert_focus_visible(page)
        if _focused_matches(page, selector):
            return
    pytest.fail(f"{selector!r} not reached with {MAX_PRESSES} presses of {'Shift+Tab' if backwards else 'Tab'} "
                f"on {page.url}")


def _press_and_wait_for_page(page, key: str, url_pattern: str) -> None:
    """Press `key` on the focused link or button and wait for the page it leads to; check that page."""
    page.keyboard.press(key)
    page.wait_for_url(re.compile(url_pattern))
    page.wait_for_load_state()
    assert_accessible(page)


def _skip_link_moves_focus_to_main(page) -> None:
    """On a freshly loaded page the first Tab stop is the skip link; Enter on it focuses <main>, and the next
    Tab stop lies inside main. (Main itself is a target, not a control: it needs no focus ring.)"""
    page.keyboard.press("Tab")
    _assert_focus_visible(page)
    assert _focused_matches(page, "a.skip-link[href='#main']"), f"{page.url}: the first Tab stop is not the skip link"
    page.keyboard.press("Enter")
    assert _focused_matches(page, "main#main"), f"{page.url}: the skip link did not move focus to main"
    page.keyboard.press("Tab")
    _assert_focus_visible(page)
    assert _focused_matches(page, "main#main *"), f"{page.url}: the Tab after the skip link left main"


def _menu_is_a_button(page) -> bool:
    return page.evaluate("() => !!document.querySelector('details.site-menu > summary')?.checkVisibility()")


def _tab_to_header(page, selector: str, *, backwards: bool = False) -> None:
    """Reach a link or button of the header; on a narrow screen open the "Menu" with the keyboard first."""
    if _menu_is_a_button(page):
        _tab_to(page, "details.site-menu > summary", backwards=backwards)
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.querySelector('details.site-menu').open"), "Enter did not open the menu"
        _assert_focus_visible(page)
        backwards = False
    _tab_to(page, selector, backwards=backwards)


def _demo_person(who: str, locale: str) -> User:
    person = db.session.scalar(sa.select(User).where(User.email == site_map.demo_email(who)))
    person.locale = locale[:2]  # signed-in pages follow the person's own setting, not the browser
    db.session.commit()
    return person


def _sign_in_by_keyboard(page, base: str, person: User) -> None:
    """From the home page: Tab to "Sign in", then the skip link, e-mail, password (and code for staff), Enter."""
    page.goto(base + "/")
    assert_accessible(page)
    _tab_to_header(page, "a[href='/auth/login']")
    _press_and_wait_for_page(page, "Enter", r"/auth/login$")
    _skip_link_moves_focus_to_main(page)
    assert _focused_matches(page, "input#email"), "the e-mail field is not the first stop in the sign-in form"
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    _assert_focus_visible(page)
    assert _focused_matches(page, "input#password")
    page.keyboard.type(seed.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    if person.totp_secret:
        page.wait_for_url(re.compile(r"/auth/login/code$"))
        assert_accessible(page)
        _tab_to(page, "input#code")
        page.keyboard.type(totp_code(person))
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{person.role}/$"))
    assert page.locator("html").get_attribute("lang") == person.locale
    assert_accessible(page)


def _sign_out_by_keyboard(page, *, backwards: bool = False) -> None:
    _tab_to_header(page, "form[action='/auth/logout'] button", backwards=backwards)
    _press_and_wait_for_page(page, "Enter", r"/$")
    assert page.locator("a[href='/auth/login']").count() > 0, "still signed in after Sign out"


def _open_journey(context_factory, locale: str, narrow: bool):
    options = {"locale": locale, **({"viewport": NARROW} if narrow else {})}
    return context_factory(**options).new_page()


@pytest.mark.parametrize("locale", ["en-GB", "sv-SE"])
def test_visitor_chooses_cookies_and_finds_a_published_assignment(app, live_server, context_factory, locale):
    site_map.load_demo()
    page = _open_journey(context_factory, locale, narrow=False)
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == locale[:2]
    assert_accessible(page)
    if locale == "en-GB":  # on the banner: the banner goes, focus does not get lost with it
        _tab_to(page, "#consent-banner button[value=reject_all]")
        page.keyboard.press("Enter")
        page.locator("#consent-saved").wait_for(state="attached")
        assert page.locator("#consent-banner").count() == 0
        _assert_focus_visible(page)
    else:  # on the cookie settings page: one category switched on with Space, then saved
        _tab_to(page, "a[href^='/cookies']")
        _press_and_wait_for_page(page, "Enter", r"/cookies")
        _skip_link_moves_focus_to_main(page)
        _tab_to(page, "input[type=checkbox][name=category]")
        assert not page.evaluate("() => document.activeElement.checked")
        page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked"), "Space did not tick the cookie category"
        _tab_to(page, "button[value=save]")
        _press_and_wait_for_page(page, "Enter", r"/$")
    consent = [c for c in page.context.cookies() if c["name"] == app.config["CONSENT_COOKIE_NAME"]]
    assert consent, "the cookie choice made with the keyboard was not stored"
    _tab_to(page, "main a[href='/assignments']")
    _press_and_wait_for_page(page, "Enter", r"/assignments$")
    _skip_link_moves_focus_to_main(page)
    _tab_to(page, "main table a[href^='/assignments/']")
    title = page.evaluate("() => document.activeElement.textContent.trim()")
    _press_and_wait_for_page(page, "Enter", r"/assignments/\d+$")
    assert page.locator("h1").inner_text().strip() == title


@pytest.mark.parametrize("locale, narrow", [("en-GB", False), ("sv-SE", True)], ids=["en-GB-desktop", "sv-SE-320px"])
def test_consultant_changes_a_profile_section_and_signs_out(live_server, context_factory, locale, narrow):
    site_map.load_demo()
    person = _demo_person("consultant", locale)
    page = _open_journey(context_factory, locale, narrow)
    _sign_in_by_keyboard(page, live_server, person)
    _tab_to_header(page, "a[href='/consultant/profile']")
    _press_and_wait_for_page(page, "Enter", r"/consultant/profile$")
    _tab_to(page, "#change-competence")
    page.keyboard.press("Enter")  # htmx opens the section's form in place
    _wait_for_focus_on(page, "#competence-heading")
    assert_accessible(page)
    _tab_to(page, "#section-competence input#title")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Keyboard-only architect")
    _tab_to(page, "#section-competence button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#competence-saved").wait_for()
    _wait_for_focus_on(page, "#competence-heading")
    assert page.locator("#section-competence").get_by_text("Keyboard-only architect").count() == 1
    assert_accessible(page)
    db.session.expire_all()
    profile = db.session.scalar(sa.select(ConsultantProfile).where(ConsultantProfile.user_id == person.id))
    assert profile.title == "Keyboard-only architect"
    _sign_out_by_keyboard(page, backwards=True)


@pytest.mark.parametrize("locale", ["en-GB", "sv-SE"])
def test_buyer_opens_an_assignment_request_and_its_shortlist(live_server, context_factory, locale):
    site_map.load_demo()
    person = _demo_person("buyer2", locale)  # the buyer whose request has a shortlist in the demo
    shortlisted = db.session.scalar(sa.select(Assignment).where(Assignment.state == "shortlisting"))
    page = _open_journey(context_factory, locale, narrow=False)
    _sign_in_by_keyboard(page, live_server, person)
    _tab_to(page, "main a[href='/buyer/assignments']")
    _press_and_wait_for_page(page, "Enter", r"/buyer/assignments$")
    _tab_to(page, f"main a[href='/buyer/assignments/{shortlisted.id}']")
    _press_and_wait_for_page(page, "Enter", rf"/buyer/assignments/{shortlisted.id}$")
    assert page.locator("h1").inner_text().strip() == shortlisted.title
    assert page.locator("article.candidate").count() > 0, "the shortlist shows no candidates"
    _tab_to(page, "section[aria-labelledby=shortlist-title] :is(a, button)")
    _sign_out_by_keyboard(page, backwards=True)


def test_supplier_looks_at_an_assignment_open_for_offers_and_their_offers(live_server, context_factory):
    site_map.load_demo()
    page = _open_journey(context_factory, "en-GB", narrow=False)
    _sign_in_by_keyboard(page, live_server, _demo_person("supplier", "en-GB"))
    _tab_to(page, "main a[href='/supplier/assignments']")
    _press_and_wait_for_page(page, "Enter", r"/supplier/assignments$")
    _tab_to(page, "main table a[href^='/supplier/assignments/']")
    _press_and_wait_for_page(page, "Enter", r"/supplier/assignments/\d+$")
    _tab_to(page, "main a[href$='/offer']")  # "Offer a consultant": open for offers
    _tab_to(page, "main a[href='/supplier/assignments']", backwards=True)
    _press_and_wait_for_page(page, "Enter", r"/supplier/assignments$")
    _tab_to(page, "main a[href='/supplier/offers']")
    _press_and_wait_for_page(page, "Enter", r"/supplier/offers$")
    _tab_to(page, "main a[href^='/supplier/offers/']")
    _press_and_wait_for_page(page, "Enter", r"/supplier/offers/\d+$")
    _sign_out_by_keyboard(page, backwards=True)


@pytest.mark.parametrize("narrow", [False, True], ids=["desktop", "320px"])
def test_partner_reaches_the_partnership_and_signs_out(live_server, context_factory, narrow):
    site_map.load_demo()
    page = _open_journey(context_factory, "en-GB", narrow)
    _sign_in_by_keyboard(page, live_server, _demo_person("partner", "en-GB"))
    _tab_to(page, "main a[href='/partner/partnership']")
    _press_and_wait_for_page(page, "Enter", r"/partner/partnership$")
    _skip_link_moves_focus_to_main(page)
    _sign_out_by_keyboard(page, backwards=True)


def test_staff_sign_in_with_a_code_and_open_an_offer_from_the_queue(live_server, context_factory):
    site_map.load_demo()
    page = _open_journey(context_factory, "en-GB", narrow=False)
    _sign_in_by_keyboard(page, live_server, _demo_person("staff", "en-GB"))
    _tab_to_header(page, "a[href='/staff/offers']")
    _press_and_wait_for_page(page, "Enter", r"/staff/offers$")
    _tab_to(page, "main a[href^='/staff/offers/']")
    _press_and_wait_for_page(page, "Enter", r"/staff/offers/\d+$")
    _tab_to_header(page, "a[href='/staff/privacy-requests']", backwards=True)
    _press_and_wait_for_page(page, "Enter", r"/staff/privacy-requests$")
    _tab_to(page, "main a[href^='/staff/privacy-requests/']")
    _sign_out_by_keyboard(page, backwards=True)
