"""The guard's words (R-CON-8), Swedish and English, per special category of GDPR Art. 9.

**Identity** words label a person ("diabetiker", "muslim", "homosexual"): alone in a profile they
describe its owner. **Topic** words name a subject that is also professional vocabulary ("diabetes",
"church", "union", "biometric"): they count only when the context makes them about the person.

Notation of an entry: words separated by spaces form a phrase; the last word takes the inflection
endings of its language (Swedish: -en, -et, -er, -ar, -na, -s ...; English: -s, -es, -ed); words of
three letters or fewer take none. Marks: `*word` may end a compound ("bröst*cancer*",
"halvtids*sjukskriven*"); `word*` may begin one ("cancer*behandling*"), unless the rest is a work noun
("diabetes*app*", "cancer*vården*"); `~` typos within edit distance (OSA, words of six letters or
more); `!` only right after "är"/"am"/"is" ("jag är bi", "jag är same"); `^` only with an activity
word such as "medlem", "aktiv", "ordförande" (names that are also everyday words: "Vision",
"Kommunal", "LO"); `@sv`/`@en` one language only ("god" is "good" in Swedish).
"""
from __future__ import annotations

from dataclasses import dataclass

from portal.services.profiles.sensitive.normalise import words as split

SV_ENDINGS = ("", "s", "e", "en", "ens", "et", "ets", "n", "ns", "t", "a", "na", "nas", "ar", "arna", "er", "erna",
              "ernas", "or", "orna")
EN_ENDINGS = ("", "s", "es", "ed", "'s")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    kind: str
    identity: bool
    language: str = "any"  # "sv", "en" or "any"
    head: bool = False
    modifier: bool = False
    fuzzy: bool = False
    after_be: bool = False
    activity_only: bool = False

    def forms(self) -> set[str]:
        """The last word with its inflection endings."""
        last = self.words[-1]
        if len(last) <= 3:
            return {last}
        endings = {"sv": SV_ENDINGS, "en": EN_ENDINGS}.get(self.language, SV_ENDINGS + EN_ENDINGS)
        return {last + ending for ending in endings}


def parse(entry: str, kind: str, identity: bool) -> Term:
    language = "any"
    if "@" in entry:
        entry, language = entry.split("@")
    flags = {"fuzzy": "~", "after_be": "!", "activity_only": "^"}
    found = {name: mark in entry for name, mark in flags.items()}
    for mark in flags.values():
        entry = entry.replace(mark, "")
    head, modifier = entry.startswith("*"), entry.endswith("*")
    return Term(split(entry.strip("*")), kind, identity, language, head, modifier, **found)


IDENTITY = {
    "health": "diabetiker*~|diabetic~|epileptiker~|epileptic~|astmatiker|asthmatic|allergiker|*sjukskriven~"
              "|*sjukskrivna|sjukskrivet|on sick leave|long term sick|långtidssjuk|långtidssjukskriven~|sjukpensionär"
              "|förtidspensionerad|utbränd~|utbrända|burned out|burnt out|deprimerad~|depressed~|gravid|pregnant~"
              "|handikappad|rullstolsburen~|wheelchair user|dyslektiker|dyslexic~|autist|autistic~|bipolär|bipolar"
              "|hiv positiv|hiv positive|läkarintyg*|sjukintyg*|medical certificate|doctor s note|sick note"
              "|journalutdrag|alkoholist~|missbrukare|hearing impaired|visually impaired|*opererad|nyopererad"
              "|cancer survivor|typ 1 diabetiker|ont i ryggen|ont i knät|ont i nacken|ont i axeln|ont i huvudet",
    "religion": "troende|believer in god|believers in god|muslim~|muslimer|muslimsk|katolik~|katolsk|catholic~"
                "|protestant|jude|judinna|jew|jewish|judisk|hindu|buddist|buddhist~|ateist|atheist~|agnostiker"
                "|frikyrklig|pingstvän|evangelical~|sikh|mormon|jehovas vittne|jehovah s witness|konvertit"
                "|ber till gud|bibelstudier|bible study|bible studies|bönegrupp|prayer group|kyrkokör|church choir|pray|prays|praying|ber fem gånger|praktiserande kristen",
    "trade_union": "fackligt förtroendevald|facklig förtroendeman|fackligt aktiv|facklig företrädare"
                   "|union representative|union rep|shop steward|union member|fackmedlem~|fackansluten~"
                   "|fackligt organiserad|klubbordförande",
    "sexual_orientation": "homosexuell~|homosexual~|bisexuell~|bisexual~|heterosexuell~|heterosexual~|gay"
                          "|lesbisk~|lesbian~|queer|asexuell~|asexual~|pansexuell~|pansexual~|bög|flata"
                          "|hbtq person|hbtq personer|hbtqi person|lgbt person|lgbtq person|bi!",
    "ethnic_origin": "kurd|kurder|kurds|afrosvensk~|afro swedish|afro swede|tornedaling|tornedalian|romer"
                     "|mixed race|same!@sv|samer@sv|assyrier",
    "political_opinion": "socialdemokrat~|sosse|socialist~|kommunist~|communist~|nationalist~|anarkist"
                         "|anarchist~|feminist~|vänsterpartist|sverigedemokrat|miljöpartist|centerpartist"
                         "|politiskt aktiv|politically active|partimedlem|party member|riksdagsledamot",
    "biometric": "fingeravtryck*~|fingerprint~|irisskanning|iris scan|ansiktsskanning|face scan|röstprofil"
                 "|voiceprint|ansiktsmall|face template|facial geometry|ansiktsgeometri|retina scan"
                 "|näthinneskanning",
    "genetic": "anlagsbärare|brca bärare|brca1 bärare|brca2 bärare|brca carrier|brca1 carrier|brca2 carrier",
}
TOPIC = {
    "health": "diabetes*~|*diabetes|epilepsi~|epilepsy~|astma|asthma~|*cancer*|depression~|*depression|ångest"
              "|anxiety~|utbrändhet|utmattningssyndrom~|utmattningsdepression|burnout|adhd|autism~|asperger"
              "|aspergers|dyslexi|dyslexia|multipel skleros|multiple sclerosis|hiv|*sjukdom|illness|disease"
              "|diagnos|diagnosis|sjukskrivning*~|sick leave|graviditet|pregnancy~|funktionsnedsättning"
              "|disability|disabilities|migrän|migraine~|stroke|hjärtinfarkt|heart attack|*allergi|allergy"
              "|allergies|psykisk ohälsa|mental illness|mental health issues|mental health problems|hälsoproblem"
              "|health problems|health issues|mediciner|medicinering|medication|medications|läkemedel"
              "|antidepressiva~|antidepressant~|antidepressants|lyckopiller|insulin|kemoterapi~|chemotherapy~"
              "|chemo|cellgifter|strålbehandling|radiotherapy|terapi|therapy|remission|rehabilitering|surgery"
              "|hörapparat|hearing aid|hearing aids|alcoholic|cystisk fibros|cystic fibrosis|long covid"
              "|medical records|sjukdomshistoria|medical history|*transplantation|transplant|utmattning|mental health"
              "|psykisk hälsa|psykiska hälsa|psykiska ohälsa|kronisk smärta|chronic pain|artros|arthritis|reumatism"
              "|tinnitus|celiaki|coeliac|crohns|parkinson|alzheimer|demens|dementia|schizofreni|schizophrenia|ocd"
              "|ätstörning|eating disorder|anorexi|anorexia|bulimi|bulimia|infertility|ivf|missfall|miscarriage",
    "religion": "religion*|religious|religiös|*kyrka|*kyrkan|church|*församling*|congregation|moské|mosque"
                "|synagoga|synagogue|islam|kristendom|christianity|judendom|judaism|katolicism~|catholicism~"
                "|faith|kristen|kristna|christian|gud@sv|god@en|bön|prayer|ramadan|gudstjänst|söndagsskola"
                "|sunday school|bibel|bible|koranen|quran|high holidays|hijab|slöja|niqab|burka|kippa|kippah|turban"
                "|religiösa skäl|religious reasons|svenska kyrkans unga",
    "trade_union": "unionen*|vision^|if metall|kommunal^|saco^|tco^|lo^|sveriges ingenjörer|swedish association "
                   "of engineers|jusek|akavia|ledarna^|seko^|handels^|fackförbund|facket|fack^|trade union"
                   "|union|labour union|labor union|fackklubb",
    "sexual_orientation": "hbtq|hbtqi|lgbt|lgbtq|lgbtqia|sexual orientation|sexuell läggning|rfsl|samkönad"
                          "|samkönade|samkönat|same sex|partner of the same sex",
    "ethnic_origin": "etnicitet|ethnicity|ethnic|etnisk|kurdish|kurdisk|samisk|sami|sámi|romsk|romani|roma"
                     "|härkomst|descent|folkgrupp|ethnic group|hudfärg|skin colour|skin color|assyrisk"
                     "|assyrian",
    "political_opinion": "moderaterna|socialdemokraterna~|sverigedemokraterna~|vänsterpartiet~|miljöpartiet~"
                         "|centerpartiet~|liberalerna|kristdemokraterna~|feministiskt initiativ|piratpartiet"
                         "|moderate party|social democrats|social democratic party|sweden democrats|green party"
                         "|left party|centre party|center party|christian democrats|liberals@en|pirate party"
                         "|politiskt uppdrag|political office|kommunfullmäktige|municipal council|ung vänster|young left|muf|ssu"
                         "|cuf|luf|kdu|grön ungdom|green youth|sdu|moderata ungdomsförbundet|young moderates",
    "biometric": "biometri|biometrisk|biometric|biometrics|biometriska data|biometric data",
    "genetic": "dna|dna test|dnatest|gentest*|genetic test|genetic testing|genetisk|genetic|genetics|arvsanlag"
               "|brca|brca1|brca2|genome|genmutation|gene mutation|gene variant|genvariant|ärftlig|hereditary"
               "|heredity|23andme|carrier of|bärare av|gene|genen|generna",
}

# Swedish compounds of a body part and an injury or illness ("ryggskada", "hjärtoperation",
# "hörselskadad"), and English phrases of the same ("back injury", "knee surgery").
BODY_SV = ("rygg knä nack axel höft hjärt hjärn lung mag tarm bröst prostata hud ögon hörsel syn fot hand arm "
           "menisk korsbands lever njur sköldkörtel").split()
HARM_SV = ("skada skadan skador operation operationen operationer kirurgi infarkt sjukdom sjukdomen problem "
           "besvär värk smärta smärtor tumör tumören inflammation brott brottet skott").split()
HARMED_SV = "skadad skadade sjuk sjuka opererad".split()
BODY_EN = "back knee neck shoulder hip heart brain lung stomach bowel breast prostate skin eye spinal spine".split()
HARM_EN = ("injury injuries surgery surgeries operation operations cancer attack problem problems pain condition "
           "disease transplant tumour tumor").split()
SURGERY_VERBS_SV = "opererade opererat opererades bröt brutit".split()
BODY_PARTS_SV = "knät knäet ryggen höften axeln foten handen armen benet nacken hjärtat".split()
# Ethnic adjectives followed by a word of origin ("kurdisk bakgrund", "Sami descent").
ETHNIC_ADJECTIVES = ("kurdisk kurdiska kurdiskt samisk samiska samiskt romsk romska romskt assyrisk assyriska "
                     "kurdish sami sámi roma romani assyrian").split()
ORIGIN_NOUNS = ("släkt bakgrund ursprung härkomst familj folkgrupp descent heritage origin background family "
                "roots rötter").split()

# A compound that begins with a topic word is professional when the rest is one of these.
WORK_HEADS = tuple(
    "app vård system register registr statistik portal modul plattform forskning forskare klinik mottagning "
    "avdelning ärende inloggning labb lab förvaltning studie data databas projekt program tjänst verktyg "
    "sjuksköterska läkare specialist expert team kunskap vetare vetenskap utbildning förbund organisation "
    "förening riktlinj läkemedel screening analys teknik sensor läsare skanner lösning kongress kansli råd "
    "center centrum central policy sdk".split())


def builtin() -> list[Term]:
    terms = []
    for identity, table in ((True, IDENTITY), (False, TOPIC)):
        for kind, entries in table.items():
            terms.extend(parse(entry.strip(), kind, identity) for entry in entries.split("|") if entry.strip())
    return terms
