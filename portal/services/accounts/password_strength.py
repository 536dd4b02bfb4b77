"""How easy a new password is to guess (zxcvbn), and why, in the person's language (ASVS 2.1.7).

Length alone let `aaaaaaaaaaaa`, `123456789012` and `password1234` through (issue 12, finding 8).
zxcvbn estimates guesses from what attackers try first: common passwords, dictionary words, names,
keyboard rows, repeats, sequences, dates, and the person's own e-mail and name. Its feedback is in
English; each of its sentences maps to one of ours, so the reason is shown in Swedish too."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_SCORE = 3  # "safely unguessable": about 10^8 guesses or more
ZXCVBN_MAX = 72  # zxcvbn refuses longer input; the first 72 characters decide anyway

FEEDBACK = {
    'Repeats like "aaa" are easy to guess.': _l("Repeats like “aaa” are easy to guess."),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".':
        _l("Repeats like “abcabcabc” are hardly harder to guess than “abc”."),
    'Sequences like "abc" or "6543" are easy to guess.': _l("Sequences like “abc” or “6543” are easy to guess."),
    "Straight rows of keys are easy to guess.": _l("Straight rows of keys are easy to guess."),
    "Short keyboard patterns are easy to guess.": _l("Short keyboard patterns are easy to guess."),
    "Recent years are easy to guess.": _l("Recent years are easy to guess."),
    "Dates are often easy to guess.": _l("Dates are often easy to guess."),
    "This is a top-10 common password.": _l("This is one of the ten most common passwords."),
    "This is a top-100 common password.": _l("This is one of the hundred most common passwords."),
    "This is a very common password.": _l("This is a very common password."),
    "This is similar to a commonly used password.": _l("This is similar to a commonly used password."),
    "A word by itself is easy to guess.": _l("A word by itself is easy to guess."),
    "Names and surnames by themselves are easy to guess.": _l("Names and surnames by themselves are easy to guess."),
    "Common names and surnames are easy to guess.": _l("Common names and surnames are easy to guess."),
    "Use a few words, avoid common phrases.": _l("Use a few words, and avoid common phrases."),
    "No need for symbols, digits, or uppercase letters.": _l("You need no symbols, digits or capitals."),
    "Add another word or two. Uncommon words are better.": _l("Add another word or two; uncommon words are better."),
    "Use a longer keyboard pattern with more turns.": _l("Use a longer keyboard pattern with more turns."),
    "Avoid repeated words and characters.": _l("Avoid repeated words and characters."),
    "Avoid sequences.": _l("Avoid sequences."),
    "Avoid recent years.": _l("Avoid recent years."),
    "Avoid years that are associated with you.": _l("Avoid years that are connected with you."),
    "Avoid dates and years that are associated with you.": _l("Avoid dates and years that are connected with you."),
    "Capitalization doesn't help very much.": _l("Capitals do not help very much."),
    "All-uppercase is almost as easy to guess as all-lowercase.":
        _l("All capitals is almost as easy to guess as all small letters."),
    "Reversed words aren't much harder to guess.": _l("Words spelled backwards are hardly harder to guess."),
    "Predictable substitutions like '@' instead of 'a' don't help very much.":
        _l("Predictable swaps like “@” for “a” do not help very much."),
}
TOO_EASY = _l("This password is too easy to guess.")


def weakness(password: str, user_inputs: list[str] | tuple[str, ...] = ()) -> list[str] | None:
    """None when the password is strong enough; otherwise the reasons, translated, most important first."""
    inputs = [part for value in user_inputs if value for part in (value, *value.replace("@", " ").split())]
    result = zxcvbn(password[:ZXCVBN_MAX], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    sentences = [result["feedback"]["warning"], *result["feedback"]["suggestions"]]
    reasons = [str(FEEDBACK.get(sentence, "")) for sentence in sentences if sentence]
    return [str(TOO_EASY), *(reason for reason in reasons if reason)]
