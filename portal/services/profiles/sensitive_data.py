"""The sensitive-data guard (R-CON-8): free text that discloses special-category data is refused.

The rule. Profile text may *talk about* a special-category subject as work; it may not *say
something about the person*. Each text is cut into clauses (at . ! ? ; : and line breaks), the
clauses into words, and every word or phrase from the term lists below is judged by what stands
before it in its clause, scanning back at most six words and stopping at a comma or "and"/"och":

- A **personal cue** ("I", "jag", "my", "min", "diagnosed", "member of", "medlem i", "practising",
  "votes for", "identifierar mig som"; and "am", "är", "har", "have" right before the term) that is
  met before any work marker means the clause discloses something about the person: refused.
- A **work marker** ("for", "för", "at", "på", "hos", "inom", "worked", "byggt", "project",
  "system", "portal", "sector", ...) that is met first means the term is the subject of the work:
  allowed. "Worked for a trade union as an IT architect" and "IT-arkitekt på Unionen" are allowed
  on purpose: being employed by a union (or a church, a party, a clinic) is an employer, not
  membership or belief. "Medlem i Unionen", "union representative" and "fackligt förtroendevald"
  are refused: they state membership.
- With neither cue nor marker, **identity words** that label a person ("diabetiker", "muslim",
  "homosexuell", "sjukskriven", "troende", "gravid") are refused, unless a work noun follows
  them ("diabetic patients", "Catholic hospital"); a bare label in a profile describes its owner.
  **Topic words** ("diabetes", "biometric", "union", "HBTQ", "Vision", "Kommunal") are allowed:
  they are also ordinary professional vocabulary ("biometric authentication project", "HR system
  for sick-leave reporting").

Judgement calls, documented: pregnancy ("gravid", "pregnant") counts as health data and is refused
when it is about the person; parental leave is not special-category and is allowed. "HBTQ"/"LGBTQ"
alone is a topic (an HBTQ-certified workplace, an LGBTQ network app); "HBTQ-person", "gay",
"lesbian" and the like are identity words. Citizenship and country of birth are data the policy
asks for (R-CON-6), so only ethnic words (Kurdish, Sami, Roma, "ethnicity") count as ethnic origin.
Words that are also names or everyday words ("Kristen", "moderat", "Vision", "same") are topics.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import SensitiveDataRefusal
from portal.services import DomainError

LABELS = {
    "religion": _l("religion or belief"),
    "trade_union": _l("trade-union membership"),
    "health": _l("health or illness"),
    "sexual_orientation": _l("sexual orientation"),
    "ethnic_origin": _l("ethnic origin"),
    "political_opinion": _l("political opinions"),
    "biometric": _l("biometric data"),
    "genetic": _l("genetic data"),
}

# Terms as regular expressions over lower-case words joined by single spaces; endings listed
# explicitly so that inflections match and compounds such as "diabetesvård" do not.
IDENTITY = {
    "health": r"diabetiker(n|na|s)?|diabetics?|epileptiker(n|na)?|epileptics?|astmatiker(n)?|asthmatics?"
              r"|sjukskriv(en|na|et)|on sick leave|long term sick|långtidssjukskriven|sjukpensionär|förtidspensionerad"
              r"|utbränd|utbrända|burned out|burnt out|deprimerad|depressed|gravid|pregnant|handikappad"
              r"|rullstolsburen|wheelchair user|dyslektiker(n)?|dyslexic|autist(en)?|autistic|cancersjuk"
              r"|hjärtsjuk|allergiker(n)?|adhd diagnos|diabetessjuk|bipolär|bipolar|hiv positiv|hiv positive"
              r"|läkarintyg(et)?|sjukintyg(et)?|medical certificate|doctor s note|sick note|journalutdrag"
              r"|medical records?",
    "religion": r"troende|believers?|muslim(er|en|erna|s)?|muslimsk(a)?|katolik(er|en)?|catholics?|katolsk(a)?"
                r"|protestant(er|s)?|jude|judinna|jew|jewish|judisk(a)?|hindu(er|s)?|buddist(er)?|buddhists?"
                r"|ateist(er)?|atheists?|agnostiker|agnostics?|frikyrklig(a)?|pingstvän|evangelical|sikh(er|s)?"
                r"|mormon(er|s)?|jehovas vittne|jehovah s witness|bibelstudier|bible stud(y|ies)|gudstjänst(er|en)?"
                r"|pray|prays|praying|ber till gud",
    "trade_union": r"fackligt? förtroendevald|facklig förtroendeman|fackligt aktiv|facklig företrädare"
                   r"|union representative|union rep|shop steward|union member|fackmedlem|fackansluten"
                   r"|fackligt organiserad|klubbordförande",
    "sexual_orientation": r"homosexuell(a)?|homosexuals?|bisexuell(a)?|bisexuals?|heterosexuell(a)?|heterosexuals?"
                          r"|gay|lesbisk(a)?|lesbians?|queer|asexuell(a)?|asexual|pansexuell(a)?|pansexual|bög|flata"
                          r"|(hbtq|hbtqi|hbtq\+|lgbt|lgbtq|lgbtqia) ?(person|personer|man|woman|kvinna)",
    "ethnic_origin": r"kurd(er|en)?|kurds?|afrosvensk(ar|a)?|afro swedish|tornedaling(ar)?|romer|är same"
                     r"|(kurdisk|samisk|romsk|kurdish|sami|sámi|roma|romani) (släkt|bakgrund|ursprung|härkomst"
                     r"|descent|heritage|origin|background|family)",
    "political_opinion": r"socialdemokrat|sosse|socialist(er)?|socialists?|kommunist(er)?|communists?"
                         r"|nationalist(er|s)?|anarkist(er)?|anarchists?|feminist(er|s)?|vänsterpartist"
                         r"|politiskt aktiv|politically active|partimedlem|party member",
    "biometric": r"mina fingeravtryck|my fingerprints?",
    "genetic": r"anlagsbärare|brca ?[12]? bärare|brca ?[12]? carrier",
}
TOPIC = {
    "health": r"diabetes|epilepsi|epilepsy|astma|asthma|cancer|depression(en)?|ångest|anxiety|utbrändhet(en)?"
              r"|utmattningssyndrom(et)?|utmattningsdepression|burnout|adhd|autism(en)?|aspergers?|dyslexi|dyslexia"
              r"|multipel skleros|multiple sclerosis|hiv|sjukdom(en|ar)?|illness|diseases?|diagnos(en)?|diagnosis"
              r"|sjukskrivning(en|ar)?|sick leave|graviditet(en)?|pregnancy|funktionsnedsättning(en|ar)?"
              r"|disability|migrän|migraine|stroke|hjärtinfarkt|heart attack|allergi(er)?|allerg(y|ies)"
              r"|psykisk ohälsa|mental illness|mental health issues|hälsoproblem|health problems|health issues"
              r"|medicin(er)?|medication",
    "religion": r"religion(en)?|religious|religiös(a|t)?|kyrka(n)?|church|moské(n)?|mosque|synagog(a|an)"
                r"|synagogue|islam|kristendom(en)?|christianity|judendom(en)?|judaism|församling(en)?|congregation"
                r"|faith(?! in )"
                r"|kristen|christian|gud|bön|prayer|ramadan",
    "trade_union": r"unionen|vision|if metall|kommunal|saco|tco|lo|sveriges ingenjörer|jusek|akavia|ledarna|seko"
                   r"|handels|fackförbund(et)?|facket|fack|trade unions?|(?<!european )unions?|labou?r unions?",
    "sexual_orientation": r"hbtq|hbtqi|lgbt|lgbtq|lgbtqia|sexual orientation|sexuell läggning|rfsl|samkönad|same sex"
                          r"|partner of the same sex",
    "ethnic_origin": r"etnicitet(en)?|ethnicity|ethnic|etnisk(a|t)?|kurdish|kurdisk(a|t)?|samisk(a|t)?|sami|sámi"
                     r"|romsk(a|t)?|romani|roma|härkomst|descent|ras|race|hudfärg|skin colou?r",
    "political_opinion": r"moderaterna|moderat|socialdemokraterna|sossarna|sverigedemokraterna|vänsterpartiet"
                         r"|miljöpartiet|centerpartiet|liberalerna|kristdemokraterna|feministiskt initiativ"
                         r"|moderate party|social democrats?|sweden democrats|green party|left party|centre party"
                         r"|center party|christian democrats|liberals|conservatives|parti(et)?|party|politik(en)?"
                         r"|politics|political|politisk(a|t)?",
    "biometric": r"fingeravtryck(et|en)?|fingerprints?|ansiktsgeometri|facial geometry|face scan|irisskanning"
                 r"|iris scan|biometrisk(a|t)?|biometrics?|röstprofil|voiceprint",
    "genetic": r"dna|dna test|gentest|genetic test|genetisk(a|t)?|genetics?|arvsanlag|brca ?[12]?|genome"
               r"|ärftlig(a|t)?|hereditary|23andme",
}

STRONG_CUES = set(
    "jag mig mej min mitt mina my me myself diagnosed diagnostiserad diagnostiserades diagnosen lider suffer "
    "suffers suffering living lever member members medlem medlemmar membership medlemskap ansluten affiliated "
    "practising practicing praktiserande utövande devout hängiven identify identifies identifierar converted "
    "konverterat konverterade vote votes voted röstar röstade sympatiserar supporter anhängare active aktiv "
    "engagerad förtroendevald elected ordförande chair carrier bärare recovering återhämtar drabbad drabbades "
    "struggling struggled kämpar kämpat treated behandlas candidate kandidat kandiderade".split())
WEAK_CUES = set("är am is was var har have has had hade being blev became become m ve im".split())
WORK_MARKERS = set(
    "for för åt at på hos till inom within about om regarding kring via through genom serving "
    "customer customers kund kunder client clients worked work working arbetat arbetar arbete jobbat jobbar "
    "built build building byggt bygger byggde developed develop developing utvecklat utvecklar utvecklade "
    "implemented implementerade implementerat designed designade designat delivered levererade levererat led "
    "ledde lett managed ansvarade ansvarat project projects projekt system systems systemet assignment uppdrag "
    "consultant konsult employer arbetsgivare employed anställd experience erfarenhet sector sektorn sektor "
    "industry bransch branschen research forskning portal app platform plattform website webbplats site "
    "register registry database databas solution lösning analysed analyserade analyzed".split())
WORK_NOUNS = set(
    "sector sektorn organisation organisations organization organisationer church kyrkan hospital hospitals "
    "sjukhus förbund community network patients patienter patient app system platform clinic klinik care vård "
    "research forskning association förening school skola customers kunder clients users användare market "
    "marknad industry bransch branschen reporting rapportering authentication autentisering module modul "
    "project projekt registry register journal journals diocese stift".split())
PREPOSITIONS = set("for för åt at på hos till inom within about om regarding kring via through genom".split())
STOPPERS = {",", "and", "och", "or", "eller"}
SCAN = 6
_SWEDISH = set("och att är jag med för som av på har inte det en ett till min mitt".split())
_ENGLISH = set("and the to is with for of have in my am an a at not it was".split())
_CLAUSES = re.compile(r"[.!?;:\n]+")
_TOKENS = re.compile(r"\w+|,|\+")


@dataclass(frozen=True)
class Finding:
    kind: str
    label: LazyString  # the kind's name, in the reader's language


class SensitiveDataError(DomainError):
    """A free-text field disclosed special-category data (R-CON-8)."""

    def __init__(self, field: str, field_label: LazyString | str, finding: Finding):
        super().__init__(gettext("%(field)s seems to contain information about %(kind)s. Such information must not be "
                            "in your profile; please remove it.", field=field_label, kind=finding.label),
                         field=field)
        self.finding = finding


def _compile(table: dict[str, str]) -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")) for kind, pattern in table.items()]


_IDENTITY = _compile(IDENTITY)
_TOPIC = _compile(TOPIC)


def _is_english(tokens: list[str]) -> bool:
    return sum(t in _ENGLISH for t in tokens) > sum(t in _SWEDISH for t in tokens)


def _judge_before(before: list[str], english: bool) -> str | None:
    """'personal', 'work' or None, from the words before a term, nearest first."""
    window = before[-SCAN:]
    for distance, word in enumerate(reversed(window), start=1):
        if word in STOPPERS:
            return None
        if word in WORK_MARKERS:
            previous = window[-distance - 1] if distance < len(window) else ""
            personal_verb = word in PREPOSITIONS and previous in STRONG_CUES  # "röstar på", "vote for"
            return "personal" if personal_verb else "work"
        if word in STRONG_CUES or (english and word == "i") or (distance <= 2 and word in WEAK_CUES):
            return "personal"
    return None


def _clause_finding(tokens: list[str], english: bool) -> Finding | None:
    joined = " ".join(tokens)
    for identity, table in ((True, _IDENTITY), (False, _TOPIC)):
        for kind, pattern in table:
            for match in pattern.finditer(joined):
                start = joined[:match.start()].count(" ")
                end = start + match.group(0).count(" ") + 1
                verdict = _judge_before(tokens[:start], english)
                if verdict == "personal":
                    return Finding(kind, LABELS[kind])
                followed_by_work = end < len(tokens) and tokens[end] in WORK_NOUNS
                if identity and verdict is None and not followed_by_work:
                    return Finding(kind, LABELS[kind])
    return None


def find(text: str | None) -> Finding | None:
    """The first special-category disclosure in `text` (Swedish or English), or None."""
    if not text:
        return None
    lowered = re.sub(r"[-_’']", " ", text.lower())  # "sick-leave", "läkarintyg_2024.pdf", "I'm"
    english = _is_english(_TOKENS.findall(lowered))
    for clause in _CLAUSES.split(lowered):
        tokens = _TOKENS.findall(clause)
        if tokens and (finding := _clause_finding(tokens, english)):
            return finding
    return None


def check_fields(fields: dict[str, tuple[LazyString | str, str | None]]) -> None:
    """Raise SensitiveDataError for the first field (form name → (label, text)) with a finding."""
    for name, (label, text) in fields.items():
        if (finding := find(text)) is not None:
            raise SensitiveDataError(name, label, finding)


def record_refusal(finding: Finding, field: str) -> None:
    """Count one refusal for the staff statistics: its kind and field, never the text or the person.

    A view calls it after rolling back the refused save, then commits: nothing of that save is stored."""
    db.session.add(SensitiveDataRefusal(kind=finding.kind, field=field[:64]))
    db.session.flush()


def refusal_counts() -> list[tuple[str, int]]:
    """(kind, how many refusals), most frequent first."""
    count = sa.func.count(SensitiveDataRefusal.id)
    rows = db.session.execute(sa.select(SensitiveDataRefusal.kind, count).group_by(SensitiveDataRefusal.kind)
                              .order_by(count.desc(), SensitiveDataRefusal.kind))
    return [(kind, n) for kind, n in rows]


def refusal_counts_by_field() -> list[tuple[str, str, int]]:
    """(kind, field, how many refusals), most frequent first."""
    count = sa.func.count(SensitiveDataRefusal.id)
    rows = db.session.execute(sa.select(SensitiveDataRefusal.kind, SensitiveDataRefusal.field, count)
                              .group_by(SensitiveDataRefusal.kind, SensitiveDataRefusal.field)
                              .order_by(count.desc(), SensitiveDataRefusal.kind, SensitiveDataRefusal.field))
    return [(kind, field, n) for kind, field, n in rows]
