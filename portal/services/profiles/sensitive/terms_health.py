"""Health words of the guard (R-CON-8, Art. 4(15)): conditions, care, medicines, injuries, sick leave.

Named conditions, medicines and treatments are identity words: in a profile they are said about the
writer (or a relative) unless the words before them are about work ("Pharmacovigilance for
sertraline", "app för patienter med depression"). Broad subjects that are also health-tech vocabulary
("diabetes", "depression", "therapy", "pregnancy") stay topic words. Notation: see `vocabulary`.
"""
from __future__ import annotations

_CONDITIONS = (
    # chronic and internal
    "hypotyreos|hypothyroidism|hypertyreos|hyperthyroidism|hashimoto|hashimotos|ulcerös kolit|ulcerative colitis"
    "|kolit|colitis|crohns sjukdom|crohn s disease|psoriasis~|psoriasisartrit|atopiskt eksem|eksem|eczema"
    "|reumatoid artrit|rheumatoid arthritis|ledgångsreumatism|fibromyalgi~|fibromyalgia~|endometrios~"
    "|endometriosis~|pcos|lipödem|lipoedema|lipedema|kroniskt trötthetssyndrom|chronic fatigue syndrome|me cfs"
    "|postcovid|post covid|lupus|sarkoidos|sarcoidosis|bechterew|bechterews|ankyloserande spondylit"
    "|ankylosing spondylitis|gikt|gout|njursvikt|kidney failure|dialys|dialysis|hjärtsvikt|heart failure"
    "|förmaksflimmer|atrial fibrillation|hjärtflimmer|arytmi|arrhythmia|högt blodtryck|high blood pressure"
    "|hypertoni|hypertension|copd|emfysem|emphysema|sömnapné|sleep apnoea|sleep apnea|narkolepsi|narcolepsy"
    "|insomni|insomnia|sömnlöshet|hepatit|hepatitis|glutenintolerans|laktosintolerans|typ 1 diabetes"
    "|typ 2 diabetes|type 1 diabetes|type 2 diabetes|diabetes typ 1|diabetes typ 2|diabetes type 1"
    "|diabetes type 2|graviditetsdiabetes|gestational diabetes|blodpropp|blood clot|lungemboli"
    "|pulmonary embolism|trombos|thrombosis|anemi|anaemia|anemia|könssjukdom|klamydia|chlamydia|herpes"
    "|syfilis|syphilis"
    # cancers
    "|leukemi|leukaemia|leukemia|lymfom|lymphoma|hodgkins|myelom|myeloma|melanom|melanoma|sarkom|sarcoma"
    "|glioblastom|glioblastoma|hjärntumör|brain tumour|brain tumor|metastaser|metastases|cytostatika"
    "|cellgiftsbehandling|cancerbesked|cancer diagnosis|mastektomi|mastectomy"
    # neurological
    "|parkinsons|parkinson s disease|alzheimers|alzheimer s disease|cerebral pares|cerebral palsy"
    "|hjärnskakning|concussion|hjärnskada|brain injury|neuropati|neuropathy|tourette|tourettes"
    "|tourette s syndrome|myasthenia gravis|guillain barré|ryggmärgsbråck|spina bifida|diskbråck"
    "|herniated disc|slipped disc|ischias|sciatica|whiplash|whiplashskada|epileptiska anfall|epileptic seizures"
    "|anfallsfri|seizure free"
    # mental health
    "|ptsd|ptss|posttraumatiskt stressyndrom|post traumatic stress|bipolar disorder|bipolär sjukdom"
    "|psykos|psychosis|psykotisk|panikångest|panic attacks|panikattacker|panic disorder|social fobi"
    "|social anxiety|generaliserat ångestsyndrom|anxiety disorder|ångestsyndrom|tvångssyndrom|självskadebeteende"
    "|self harm|självmordsförsök|suicide attempt|suicidal|depressiv|borderline personlighetsstörning"
    "|borderline personality|personlighetssyndrom"
    "|personality disorder|dyskalkyli|dyscalculia|språkstörning|spelberoende|gambling addiction"
    "|alkoholism|alcoholism|alkoholberoende|drogberoende|drug addiction|substance abuse|drogmissbruk|alkoholmissbruk"
    "|behandlingshem|psykiatrisk vård|psychiatric ward|psykakuten|sluten psykiatrisk vård|anorexia nervosa"
    "|hetsätning|binge eating|utmattningsdepression|bipolaritet|add diagnos|adhd diagnos|autism diagnos"
    "|npf diagnos|aspergers syndrom|asperger s syndrome|autismspektrum|autism spectrum"
    # pregnancy and reproduction
    "|havandeskapsförgiftning~|preeklampsi|preeclampsia|pre eclampsia|foglossning|pelvic girdle pain"
    "|hyperemesis|graviditetsillamående|missfall|miscarriage~|missed abortion|utomkvedshavandeskap"
    "|ectopic pregnancy|dödfödd|stillbirth|stillborn|förlossningsdepression|postpartum depression"
    "|postnatal depression|kejsarsnitt|c section|caesarean|cesarean|fertilitetsbehandling|fertility treatment"
    "|ofrivillig barnlöshet|abortion|high risk pregnancy|riskgraviditet|bed rest|sängläge|sängliggande"
    "|months pregnant|veckor gravid|weeks pregnant"
    # sensory
    "|hard of hearing|hörselnedsättning|nedsatt hörsel|hearing loss|döv|dövhet|deafness|dövblind|synskada"
    "|nedsatt syn|legally blind|partially sighted|low vision|färgblind|colour blind|color blind|colorblind"
    "|cochleaimplantat|cochlea implantat|cochlear implant|hörselimplantat|hörslinga|hearing loop|blind!|deaf!"
    "|blind on one eye|blind på ena ögat"
    # implants, surgery, injury
    "|amputerad|amputated|amputation|protes|prosthesis|prosthetic|pacemaker|stent|bypassoperation"
    "|bypass surgery|ballongvidgning|insulinpump|insulin pump|stomi|stoma|knäprotes|höftprotes|knee replacement"
    "|hip replacement|höftledsoperation|korsbandsoperation|korsbandsskada|acl tear|torn acl|menisk"
    "|broken leg|broken arm|brutit benet|brutit armen|plaster cast"
    "|opererades|was operated|had surgery|gastric bypass|gastric sleeve|magsäcksoperation|överviktsoperation"
    "|bariatric surgery|obesity surgery|använder rullstol|sitter i rullstol|wheelchair bound|använder rollator"
    "|går med kryckor|på kryckor|använder hörapparat|ledarhund|guide dog|utvecklingsstörning"
    "|intellektuell funktionsnedsättning|intellectual disability|learning disability|gick in i väggen"
    "|gått in i väggen|gick in väggen|väntar barn|väntar vårt första barn|väntar vårt andra barn|väntar tvillingar"
    "|expecting a baby|expecting our first|expecting our second|expecting twins|*gravid"
)
_MEDICINES = (
    "sertralin~|sertraline~|escitalopram~|citalopram~|fluoxetin~|fluoxetine~|paroxetin~|paroxetine~"
    "|venlafaxin~|venlafaxine~|duloxetin~|duloxetine~|mirtazapin~|mirtazapine~|bupropion~|vortioxetin"
    "|litium|lithium|lamotrigin~|lamotrigine~|valproat|valproate|karbamazepin~|carbamazepine~|levetiracetam~"
    "|kvetiapin~|quetiapine~|olanzapin~|olanzapine~|aripiprazol~|aripiprazole~|risperidon~|risperidone~"
    "|klozapin|clozapine~|haloperidol~|metylfenidat~|methylphenidate~|lisdexamfetamin~|lisdexamfetamine~"
    "|atomoxetin~|atomoxetine~|adderall|zopiklon~|zopiclone~|zolpidem|propiomazin~|oxazepam~|diazepam~"
    "|alprazolam~|pregabalin~|gabapentin~|tramadol~|oxikodon~|oxycodone~|morfin|morphine|buprenorfin~"
    "|buprenorphine~|metadon|methadone~|naltrexon~|naltrexone~|disulfiram~|akamprosat|acamprosate"
    "|levotyroxin~|levothyroxine~|metformin~|sitagliptin|empagliflozin|dapagliflozin|semaglutid~"
    "|semaglutide~|liraglutid~|liraglutide~|glimepirid|atorvastatin~|simvastatin~|rosuvastatin~|metoprolol~"
    "|bisoprolol~|atenolol~|propranolol~|amlodipin~|amlodipine~|enalapril~|ramipril~|lisinopril~|losartan~"
    "|kandesartan~|candesartan~|hydroklortiazid|hydrochlorothiazide|furosemid~|furosemide~|spironolakton"
    "|spironolactone|warfarin~|apixaban~|rivaroxaban~|klopidogrel~|clopidogrel~|omeprazol~|omeprazole~"
    "|esomeprazol~|esomeprazole~|pantoprazol~|pantoprazole~|lansoprazol|prednisolon~|prednisolone~"
    "|prednison|prednisone|kortison|cortisone|hydrokortison|hydrocortisone|budesonid~|budesonide~"
    "|salbutamol~|formoterol~|montelukast~|flutikason|fluticasone|metotrexat~|methotrexate~|adalimumab"
    "|etanercept|infliximab|tamoxifen~|letrozol|letrozole|anastrozol|anastrozole|trastuzumab|alendronat"
    "|levodopa|donepezil|memantin|memantine|glatirameracetat|natalizumab|ocrelizumab|fingolimod"
    "|dimetylfumarat|hydroxiklorokin|hydroxychloroquine|sulfasalazin|sulfasalazine|mesalazin|mesalazine"
    "|azatioprin|azathioprine|ozempic|wegovy|elvanse|concerta|ritalin|cipralex|zoloft|prozac|waran|eliquis"
    "|xarelto|levaxin|euthyrox|humira|antabus|antabuse|suboxone|subutex|truvada|xanax|valium|imovane|stesolid"
    "|sobril|propavan|theralen|lergigan|atarax|medicinerar|medicinerade|medicinerat|on medication"
    "|takes medication|take medication|tar medicin|äter medicin|står på medicin|mina mediciner|my medication"
    "|hiv medicin|prep medicin|antipsykotika|antipsychotics|neuroleptika|sömntabletter|sleeping pills"
    "|sedatives|bensodiazepiner|benzodiazepines"
)
_CARE_AND_LEAVE = (
    "kbt|psykoterapi|psychotherapy|samtalsterapi|talking therapy|traumaterapi"
    "|emdr|sjukledig|sjukledighet|medical leave|on sick leave|sick leave|sickness absence|sjukersättning"
    "|sickness benefit|aktivitetsersättning|arbetsträning|arbetsprövning|rehabiliteringsplan|var sjuk|blev sjuk"
    "|was ill|fell ill|got sick|became ill|sjukhusvistelse|hospital stay|inlagd på sjukhus|admitted to hospital"
    "|hospitalised|hospitalized|intensivvård|nykter sedan|nykter i|år nykter|years sober|sober since|sober for"
    "|sober from|sobriety|nykterhet|drogfri sedan|clean since|in recovery from|12 step|tolvsteg|tolvstegsprogram"
    "|tolvstegsprogrammet|alcoholics anonymous|anonyma alkoholister|narcotics anonymous|anonyma narkomaner"
    "|aa möten|aa meetings|na meetings|aa meeting|na meeting"
)
IDENTITY = {
    "health": "diabetiker*~|diabetic~|epileptiker~|epileptic~|astmatiker|asthmatic|allergiker|*sjukskriven~"
              "|*sjukskrivna|sjukskrivet|long term sick|långtidssjuk|långtidssjukskriven~|sjukpensionär"
              "|förtidspensionerad|utbränd~|utbrända|burned out|burnt out|deprimerad~|depressed~|gravid|pregnant~"
              "|handikappad|rullstolsburen~|wheelchair user|dyslektiker|dyslexic~|autist|autistic~|bipolär|bipolar"
              "|hiv positiv|hiv positive|läkarintyg*|sjukintyg*|medical certificate|doctor s note|sick note"
              "|journalutdrag|alkoholist~|missbrukare|hearing impaired|visually impaired|*opererad|nyopererad"
              "|cancer survivor|typ 1 diabetiker|ont i ryggen|ont i knät|ont i nacken|ont i axeln|ont i huvudet"
              "|schizofren|psykotisk|anorektiker|anorectic|bulimiker|adhdare|ms?|als?|kol?@sv|ibs?|pots?|ehlers danlos"
              f"|{_CONDITIONS}|{_MEDICINES}|{_CARE_AND_LEAVE}",
}
TOPIC = {
    "health": "diabetes*~|*diabetes|epilepsi~|epilepsy~|astma|asthma~|*cancer*|depression~|*depression|ångest"
              "|anxiety~|utbrändhet|utmattningssyndrom~|burnout|adhd|autism~|asperger|aspergers|dyslexi"
              "|dyslexia|multipel skleros|multiple sclerosis|hiv|*sjukdom|illness|disease|diagnos|diagnosis"
              "|sjukskrivning*~|graviditet~|pregnancy~|funktionsnedsättning|disability|disabilities|migrän"
              "|migraine~|stroke|hjärtinfarkt|heart attack|*allergi|allergy|allergies|psykisk ohälsa|mental illness"
              "|mental health issues|mental health problems|hälsoproblem|health problems|health issues|mediciner"
              "|medicinering|medication|medications|läkemedel|antidepressiva~|antidepressant~|antidepressants"
              "|lyckopiller|insulin|kemoterapi~|chemotherapy~|chemo|cellgifter|strålbehandling~|radiotherapy"
              "|terapi|therapy|remission|rehabilitering~|rehabilitation|rehab|surgery|hörapparat|hearing aid"
              "|hearing aids|alcoholic|cystisk fibros|cystic fibrosis|long covid|medical records|sjukdomshistoria"
              "|medical history|*transplantation|transplant|utmattning|mental health|psykisk hälsa|psykiska hälsa"
              "|psykiska ohälsa|kronisk smärta|chronic pain|artros|arthritis|reumatism|tinnitus|celiaki|coeliac"
              "|celiac|crohns|parkinson|alzheimer|demens|dementia|schizofreni|schizophrenia|ocd|ätstörning"
              "|eating disorder|anorexi|anorexia|bulimi|bulimia|infertility|infertilitet|ivf|synnedsättning"
              "|visual impairment|sjukpenning|sjukfrånvaro|flare ups|skov|relapses|sjuk@sv|cbt|counselling|counseling"
              "|treatment@en|sober|nykter|use a wheelchair|uses a wheelchair|in a wheelchair|on crutches|use crutches"
              "|wear hearing aids|wear a hearing aid|abort@sv|operation@sv|operationen@sv|allergisk|allergic"
              "|opioider|opioids|smärtstillande|painkillers",
}

# Swedish compounds of a body part and an injury or illness ("ryggskada", "hjärtoperation",
# "hörselskadad", "höftledsprotes"), and English phrases of the same ("back injury", "knee replacement").
BODY_SV = ("rygg knä nack axel höft hjärt hjärn lung mag tarm bröst prostata hud ögon hörsel syn fot hand arm "
           "menisk korsbands lever njur sköldkörtel höftleds knäleds axelleds fotleds handleds ländrygg bäcken "
           "livmoder äggstock testikel bukspottkörtel").split()
HARM_SV = ("skada skadan skador operation operationen operationer kirurgi infarkt sjukdom sjukdomen problem "
           "besvär värk smärta smärtor tumör tumören inflammation brott brottet skott protes protesen proteser "
           "fraktur frakturen frakturer cancer cancern implantat infektion svikt nedsättning blödning blödningen "
           "blödningar").split()
HARMED_SV = "skadad skadade sjuk sjuka opererad amputerad".split()
BODY_EN = ("back knee neck shoulder hip heart brain lung stomach bowel breast prostate skin eye spinal spine "
           "ankle wrist elbow kidney liver thyroid pelvic ovarian cervical").split()
HARM_EN = ("injury injuries surgery surgeries operation operations cancer attack problem problems pain condition "
           "disease transplant tumour tumor replacement replacements fracture fractures failure implant "
           "implants amputation infection").split()
SURGERY_VERBS_SV = "opererade opererat opererades bröt brutit".split()
BODY_PARTS_SV = "knät knäet ryggen höften axeln foten handen armen benet nacken hjärtat".split()
# An allergy to something named ("allergisk mot nötter", "allergic to peanuts"), not to meetings.
ALLERGIC = "allergisk allergiska allergic allergi allergy allergier allergies allergiker".split()
ALLERGENS = ("nötter jordnötter nötallergi gluten laktos mjölk pollen pälsdjur katter hundar gräs ägg skaldjur fisk "
             "penicillin bi getingar latex soja nuts peanuts tree lactose milk cats dogs grass eggs shellfish fish "
             "bees wasps soy").split()
# Losing a sense ("lost most of the sight in my left eye", "tappade hörseln"): a verb, then within
# four words the sense.
LOSS_VERBS = "lost losing lose förlorade förlorat tappade tappat miste mist".split()
SENSES = "sight hearing eyesight vision synen hörseln syn hörsel".split()
# Abbreviations also used for products ("MS Office"): a health cue before, or a health noun after,
# and no product word in the next words.
HEALTH_VERBS = "har have has had hade haft fick got diagnosed diagnostiserad diagnostiserades".split()
HEALTH_PAIRS = {("lever", "med"), ("living", "with"), ("live", "with"), ("lives", "with"), ("diagnosed", "with"),
                ("diagnostiserad", "med"), ("diagnosen", "med")}
HEALTH_NOUNS_AFTER = "diagnos diagnosen diagnosis skov relapse relapses fatigue patient".split()
PRODUCT_WORDS = frozenset(
    "office sql server teams excel word powerpoint outlook dynamics project access azure windows exchange "
    "sharepoint 365 dos visio intune entra certifiering certification certified certificate certifikat "
    "kunskap kunskaper erfarenhet experience skills skill expert partner stack licens licenses".split())
