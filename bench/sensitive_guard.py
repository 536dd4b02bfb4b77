"""`python -m bench.sensitive_guard`: precision and recall of the sensitive-data guard (R-CON-8).

The labelled sentences are tests/data/sensitive_sentences_sv.txt and _en.txt, written by hand and
labelled by the GDPR, Art. 9, not from the guard's vocabulary. A sentence counts as caught when the
guard refuses it at all (the kind it names is reported separately). Per category, precision is over
the sentences of that category, sensitive and benign alike: of those the guard refused, how many were
sensitive. The table goes to bench/sensitive_guard.md; the quality test asserts the targets.

The second blind set (tests/data/sensitive_sentences_blind2.txt) is scored when it exists, but its
misses are never printed: whoever tunes the guard must not see its sentences. `--without-blind2`
leaves it out entirely (for tuning runs).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
RESULTS = Path(__file__).resolve().parent / "sensitive_guard.md"
BLIND2 = DATA / "sensitive_sentences_blind2.txt"
LANGUAGES = ("sv", "en")
TARGET = 0.95
NOTES = """
## Reading these figures (written by hand)

- The sv/en sets (172 and 171 sentences) were written before the guard was changed. The guard was then
  built and tuned on them, so 1.000 there measures fit, not generalisation. Before this work the old guard
  scored recall 0.659 / precision 0.966 (sv) and 0.741 / 1.000 (en) on the same sets.
- The held-out set (24 sentences per language, `tests/data/sensitive_sentences_holdout.txt`) was written
  after the guard and first scored 6/14 recall with 0 (sv) and 1 (en) false alarms of 10: the vocabulary
  did not generalise. Broad additions by class followed (more diagnoses, religious dress, party youth
  organisations, "activist", "gene"), which lifted it to 0.857 / 1.000 in both languages.
- The first blind set (`tests/data/sensitive_sentences_blind.txt`, 120 sentences per language) was written
  on 2026-12-04 by a session that never saw the guard. Its first score was recall 0.583 (sv) and 0.617
  (en) with precision 1.000: the guard still did not generalise (a vocabulary of 469 entries, tuned
  sentence by sentence). The guard was then widened by class on 2026-12-04, using the sv/en, held-out and
  first blind sets as tuning sets: about 1,900 entries in `sensitive/terms_*` (named diagnoses, the common
  medicines' generic names, pregnancy complications, implants, sensory loss, sick leave, sobriety; every
  Riksdag party with nicknames and wings, foreign parties, party work, movements; denominations,
  congregations and practices; every LO, TCO and Saco union with English names and union roles;
  hereditary conditions; biometric templates; orientation and relationship words) and phrase rules in
  `sensitive/patterns` (nationality + word of origin, "half X", dual heritage, colour as identity, a
  family's flight, a same-sex spouse with the writer's own stated gender, "MS" only in a health phrase),
  and personal headings and clauses ("Intressen:", "på fritiden", "personlig erfarenhet"). All four sets
  now score 1.000 / 1.000, which again measures fit: **none of them is blind any more**. The second blind
  set below, written by a session that saw neither the guard nor these sets, is the measure of
  generalisation; its misses are deliberately not printed.
- Known limits: an identity word used figuratively is still refused ("jag är troende när det gäller
  tester"); a topic word with no personal cue passes; "MS" counts only in a health phrase ("har MS",
  "MS-diagnos"), so "MS-kunskaper" passes; orientation is inferred from a spouse only when the writer
  states their own gender; a mother tongue alone is a language skill, not ethnic origin.
"""
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Sentence:
    language: str
    sensitive: bool
    category: str
    text: str


@dataclass(frozen=True)
class Score:
    true_pos: int
    false_pos: int
    false_neg: int
    true_neg: int
    wrong_kind: int  # refused sensitive sentences whose named kind differs from the label

    @property
    def precision(self) -> float:
        refused = self.true_pos + self.false_pos
        return self.true_pos / refused if refused else 1.0

    @property
    def recall(self) -> float:
        sensitive = self.true_pos + self.false_neg
        return self.true_pos / sensitive if sensitive else 1.0


def sentences(language: str) -> list[Sentence]:
    rows = []
    path = DATA / f"sensitive_sentences_{language}.txt"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, category, text = line.split("\t")
        if label not in ("sensitive", "benign"):
            raise ValueError(f"{path.name}:{number}: label {label!r}")
        rows.append(Sentence(language, label == "sensitive", category,
                             _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)))
    return rows


def held_out(language: str, name: str = "holdout") -> list[Sentence]:
    """The held-out sentences of one language: `holdout` (written after the guard, since used to widen it),
    `blind` (written by a session that never saw the guard; used to widen it on 2026-12-04) or `blind2`
    (written after that, never used to tune the guard)."""
    rows = []
    for line in (DATA / f"sensitive_sentences_{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, label, category, text = line.split("\t")
            if lang == language:
                rows.append(Sentence(lang, label == "sensitive", category, text))
    return rows


def score(rows: list[Sentence], find) -> Score:
    tp = fp = fn = tn = wrong = 0
    for row in rows:
        finding = find(row.text)
        if row.sensitive and finding:
            tp += 1
            wrong += finding.kind != row.category
        elif row.sensitive:
            fn += 1
        elif finding:
            fp += 1
        else:
            tn += 1
    return Score(tp, fp, fn, tn, wrong)


def misses(rows: list[Sentence], find) -> list[tuple[Sentence, str | None]]:
    """Sentences the guard got wrong, with the kind it named (None: let through)."""
    wrong = []
    for row in rows:
        finding = find(row.text)
        if bool(finding) != row.sensitive:
            wrong.append((row, finding.kind if finding else None))
    return wrong


def table(find) -> str:
    lines = ["| language | category | sensitive | benign | recall | precision | missed | false alarms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for language in LANGUAGES:
        rows = sentences(language)
        categories = sorted({r.category for r in rows})
        for category in [*categories, "all"]:
            mine = [r for r in rows if category in ("all", r.category)]
            s = score(mine, find)
            name = f"**{category}**" if category == "all" else category
            lines.append(f"| {language} | {name} | {s.true_pos + s.false_neg} | {s.false_pos + s.true_neg} | "
                         f"{s.recall:.3f} | {s.precision:.3f} | {s.false_neg} | {s.false_pos} |")
    for language in LANGUAGES:
        s = score(held_out(language), find)
        lines.append(f"| {language} | *held-out, all* | {s.true_pos + s.false_neg} | {s.false_pos + s.true_neg} | "
                     f"{s.recall:.3f} | {s.precision:.3f} | {s.false_neg} | {s.false_pos} |")
    return "\n".join(lines)


def blind_table(find, set_name: str = "blind") -> str:
    """A held-out set (`blind`: since used to tune the guard; `blind2`: never seen) per language and category."""
    lines = ["| language | category | sensitive | benign | recall | precision | missed | false alarms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for language in LANGUAGES:
        rows = held_out(language, set_name)
        for category in [*sorted({r.category for r in rows}), "all"]:
            s = score([r for r in rows if category in ("all", r.category)], find)
            name = f"**{category}**" if category == "all" else category
            lines.append(f"| {language} | {name} | {s.true_pos + s.false_neg} | {s.false_pos + s.true_neg} | "
                         f"{s.recall:.3f} | {s.precision:.3f} | {s.false_neg} | {s.false_pos} |")
    return "\n".join(lines)


def main() -> None:
    from portal.services.profiles.sensitive_data import find

    report = ("# Sensitive-data guard: precision and recall\n\n"
              "Run: `python -m bench.sensitive_guard`. Sentences: `tests/data/sensitive_sentences_sv.txt` and `_en.txt`, "
              "labelled by GDPR Art. 9 (see their header). Targets: recall ≥ 0.95 and precision ≥ 0.95 per language; "
              "checked by `tests/profiles/test_sensitive_guard_quality.py`. Per category, precision is over the "
              "category's own sentences (its sensitive ones and the benign ones using its vocabulary).\n\n"
              + table(find) + "\n\n## The first blind set (now a tuning set)\n\n"
              "`tests/data/sensitive_sentences_blind.txt` (120 sentences per language, half sensitive over every "
              "category, half hard benign), written on 2026-12-04 by a session that never saw the guard, its "
              "vocabulary or the sentences above; first scored recall 0.583 (sv) / 0.617 (en), precision 1.000; "
              "used to widen the guard the same day, so no longer blind.\n\n" + blind_table(find) + "\n")
    if BLIND2.exists() and "--without-blind2" not in sys.argv:
        report += ("\n## The second blind set\n\n"
                   "`tests/data/sensitive_sentences_blind2.txt`, written as a new blind set after the guard was "
                   "widened, by a session that saw neither the guard nor the sets above; never used to tune it (its "
                   "misses are not printed)."
                   "\n\n" + blind_table(find, "blind2") + "\n")
    report += NOTES
    for language in LANGUAGES:
        for row, kind in misses(sentences(language) + held_out(language) + held_out(language, "blind"), find):
            print(f"{language} {'MISSED' if row.sensitive else 'FALSE ALARM'} {row.category} ({kind}): {row.text}",
                  file=sys.stderr)
    if "--no-write" not in sys.argv:
        RESULTS.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
