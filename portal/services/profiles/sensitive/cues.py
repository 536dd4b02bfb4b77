"""The words around a term that decide whether it is said about the writer (R-CON-8): personal cues,
activities, work markers, employers' prepositions, and the headings and phrases that make a whole
field or clause personal ("Intressen:", "på fritiden", "personlig erfarenhet"). Read by `judge`.
"""
from __future__ import annotations

PRONOUNS = frozenset("jag mig mej min mitt mina my me myself mine vår vårt våra our ours sin sitt sina hans "
                     "hennes his her".split())
ACTIVITIES = frozenset(
    "diagnosed diagnostiserad diagnostiserades diagnosen lider suffer suffers suffering living lever member "
    "members medlem medlemmar membership medlemskap ansluten affiliated practising practicing praktiserande "
    "utövande devout hängiven identify identifies identifierar converted konverterade konverterat vote votes "
    "voted voting röstar röstade sympatiserar supporter anhängare active aktiv engagerad förtroendevald elected "
    "ordförande chair carrier bärare recovering återhämtar drabbad drabbades struggling struggled kämpar kämpat "
    "treated behandlas behandlades candidate kandidat kandiderade campaigned campaigning kampanjade kampanjar "
    "volunteered volunteer volontär leaflets flygblad canvassed ersättare deputy ledamot tror believe believes "
    "joined tillhör belong belongs genomgick underwent represent represents representerar företräder "
    "skyddsombud huvudskyddsombud firar observe observes fastar fasting ber activist aktivist styrelsen "
    "styrelseledamot sitter positive positivt wear wears bär knackat knackade knackar kassör suppleant "
    "treasurer chairman chairperson frivillig ideellt celebrate celebrates observant practitioner "
    "medicinerar engaged campaign campaigns sat satt sits röstat rösta sympatiserat organiserad".split())
WEAK = frozenset("är am is was var har have has had hade haft being blev became become m ve im got fick fått "
                 "äter går".split())
SKIP = frozenset("a an the en ett den det lite".split())
PREPOSITIONS = frozenset("for för åt at på hos till inom within about om regarding kring via through genom vid "
                         "serving".split())
# Care before a preposition makes it the cause, not an employer: "therapy for PTSD", "behandling för ...".
CARE = frozenset("therapy terapi treatment treated treatments behandling behandlas behandlades medicinerar "
                 "medication medicin sjukskriven sjukskrivning opererades operated surgery operation kbt cbt rehab "
                 "rehabilitering counselling leave diagnosed diagnostiserad rest sjukledig".split())
WORK = frozenset(
    "customer customers kund kunder client clients worked work working works arbetat arbetar arbetade arbete "
    "jobbat jobbar jobbade built build building builds byggt bygger byggde developed develop developing "
    "utvecklat utvecklar utvecklade implemented implementerade implementerat designed designade designat "
    "delivered levererade levererat led ledde lett managed ansvarade ansvarat analysed analyzed analyserade "
    "analyserat tested testade testat migrated migrerade digitised digitized digitaliserade integrated "
    "integrerade maintained förvaltade supported configured konfigurerade modelled modellerade programmerade "
    "programmed coded kodade consulted advised trained utbildade taught undervisade audited granskade reviewed "
    "evaluated utvärderade project projects projekt system systems systemet assignment uppdrag consultant "
    "konsult employer arbetsgivare employed anställd experience erfarenhet sector sektorn sektor industry "
    "bransch branschen research forskning portal app apps appar platform plattform website webbplats webbplatsen "
    "site register registry database databas solution lösning module modul modulen tool verktyg software "
    "mjukvara product produkt run held hållit gave facilitated analysis analyses analys analyser "
    "benchmarked visualised visualized localised localized translated översatte scientist engineer developer "
    "analyst analytiker architect researcher forskare ingenjör authentication autentisering verification verifiering "
    "recognition igenkänning matching testing tests usability ux".split())
WORK_ENDINGS = tuple("system systemet portal portalen appen modul modulen plattform webbplats webbplatsen databas "
                     "registret projekt projektet tjänst verktyg uppdrag konsult chef ansvarig arkitekt utvecklare "
                     "tekniker förvaltare".split())
WORK_NOUNS = frozenset(
    "sector sektorn organisation organisations organization organisationer church kyrkan hospital hospitals "
    "sjukhus förbund community network nätverk patients patienter patient app system platform clinic clinics "
    "klinik care vård research forskning association förening school skola customers kunder clients users "
    "användare market marknad industry bransch branschen reporting rapportering authentication autentisering "
    "module modul project projekt registry register journal journals diocese stift login inloggning scanning "
    "scanner scanners sensor sensors reader readers läsare sdk församlingen congress kongress council "
    "recognition igenkänning matching algorithm algorithms hardware device devices terminal terminals "
    "dashboard dashboards tool tools tooling website data statistics statistik rules regler process processes "
    "insurance försäkring study studies trial trials claims ärenden cases administration hantering "
    "variants software systems apps pipeline pipelines unlock upplåsning model models modell modeller "
    "prediction predictions prediktion prognos search sökning index indexing storage lagring format formats "
    "extraction encoding detection detektion".split())
ORGANISATION_ENDINGS = tuple("organisation förening förbund församling system portal appen plattform register "
                             "kongress klinik sjukhus center centrum".split())
STOPPERS = frozenset(", and och or eller but men".split())
EXCLUDED_BEFORE = {"union": {"european", "eu"}, "unionen": {"europeiska", "eu"}, "unions": {"european"}}
BE = frozenset(("är", "am", "is", "m"))

# A field that begins with one of these headings is about the person's own life: a subject named after
# it counts ("Intressen: MUF, segling", "Interests: union organizing").
HEADINGS = frozenset((
    "intressen", "interests", "fritidsintressen", "fritid", "på fritiden", "hobbies", "hobbys", "hobby",
    "ideellt", "ideellt engagemang", "ideella uppdrag", "volunteering", "volunteer work", "förtroendeuppdrag",
    "föreningsliv", "föreningsengagemang", "personal", "personligt", "privat", "privatliv", "om mig privat",
    "personal interests", "other interests", "övriga intressen", "leisure", "spare time", "free time",
    "civic engagement", "ideell verksamhet"))
# Phrases that make the clause they are in personal, wherever they stand.
CLAUSE_CUES = tuple(tuple(p.split()) for p in (
    "på fritiden", "på min fritid", "in my spare time", "in my free time", "som frivillig", "as a volunteer",
    "ideellt", "som privatperson", "outside work", "utanför jobbet", "utanför arbetet",
    "personlig erfarenhet", "personal experience", "lived experience", "egen erfarenhet", "first hand",
    "egna erfarenheter", "own experience"))
# Of those, the ones that also make a professional compound personal ("Diabetesvård – personlig
# erfarenhet").
LIVED = tuple(tuple(p.split()) for p in (
    "personlig erfarenhet", "personal experience", "lived experience", "egen erfarenhet", "egna erfarenheter",
    "own experience", "first hand"))
