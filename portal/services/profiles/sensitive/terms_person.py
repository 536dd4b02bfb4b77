"""Words of the guard (R-CON-8) about the person's origin, genes, body templates and intimate life:
ethnic origin, genetic data, biometric data, sex life and sexual orientation.

Ethnic origin. Citizenship and country of birth are data the policy asks for (R-CON-6), and a
language, even a mother tongue, is a skill ("Tigrinja (modersmål)" passes): so a bare country or
nationality does not count. What counts is an ethnic group word ("kurd", "same", "afrosvensk"), a
nationality joined to a word of origin ("av somaliskt ursprung", "of Kurdish descent"), a mixed
heritage ("half Korean, half Swedish", "British-Nigerian woman"), colour as identity ("som svart
kvinna") and a family's flight or emigration ("mina föräldrar flydde från Eritrea"); the rules are in
`patterns`. Notation: see `vocabulary`.
"""
from __future__ import annotations

IDENTITY = {
    "sexual_orientation": "homosexuell~|homosexual~|bisexuell~|bisexual~|heterosexuell~|heterosexual~|gay"
                          "|lesbisk~|lesbian~|queer|asexuell~|asexual~|pansexuell~|pansexual~|bög|flata"
                          "|hbtq person|hbtq personer|hbtqi person|lgbt person|lgbtq person|bi!|bi och stolt"
                          "|bi and proud|proud bi|stolt bi|bi kvinna|bi man|bi tjej|bi kille|gay och stolt"
                          "|queer och stolt|polyamorös~|polyamoröst|polyamorösa|polyamory|polyamorous~|polyamori"
                          "|polyamorist|öppet förhållande|open relationship|aromantisk|aromantic|demisexuell"
                          "|demisexual|ace spectrum|asexual spectrum|transperson|transpersoner|transsexuell"
                          "|transgender|transkvinna|transman|trans kvinna|trans woman|trans man|ickebinär|icke binär"
                          "|non binary|nonbinary|genderqueer|swinger|bdsm|kinky|homo!|samkönad partner|same sex partner"
                          "|same sex spouse|same sex marriage|samkönat äktenskap",
    "ethnic_origin": "kurd|kurder|kurds|afrosvensk~|afro swedish|afro swede|afroamerikan|african american"
                     "|black british|svart svensk|tornedaling|tornedalian|romer|rom!|mixed race|mixed heritage"
                     "|biracial|multiracial|blandad bakgrund|same!@sv|samer@sv|assyrier|syrianer|kaldé|kaldéer"
                     "|sverigefinne|sverigefinnar|sweden finn|kvän|kväner|person of colour|person of color"
                     "|people of colour|people of color|woman of colour|woman of color|man of colour"
                     "|man of color|bipoc|rasifierad|rasifierade|racialised|racialized|som flykting"
                     "|som flyktingbarn|as a refugee|as a child refugee|andra generationens invandrare"
                     "|second generation immigrant|adopterad från",
    "biometric": "fingeravtryck*~|fingerprint~|irisskanning|iris scan|irisscan|irisskan|irisbild|iris image"
                 "|iris template|irismall|iriskod|iris code|ansiktsskanning|face scan|röstprofil|voiceprint~"
                 "|voice print|röstavtryck~|röstmall|voice template|ansiktsmall|face template|facial geometry"
                 "|ansiktsgeometri~|ansiktsvektor~|face vector|face embedding|ansiktsdata|facial measurements"
                 "|ansiktsmått|retina scan|näthinneskanning|handflatsven*|handflatsmönster|handflatsavtryck"
                 "|palm vein|palm print|palmprint|handavtryck|hand geometry|handgeometri|venmönster~|vein pattern"
                 "|fingerprint file|fingerprint template|fingerprint scan|biometric template|biometrisk mall"
                 "|biometriska mall|biometric profile|biometrisk profil|gait signature|gångmönster",
    "genetic": "anlagsbärare|brca bärare|brca1 bärare|brca2 bärare|brca carrier|brca1 carrier|brca2 carrier"
               "|brca mutation|brca1 mutation|brca2 mutation|brca variant|lynch syndrom|lynchs syndrom"
               "|lynch syndrome|lynchsyndrom|factor v leiden|faktor v leiden|apc resistens"
               "|apc resistance|familjär hyperkolesterolemi|familial hypercholesterolemia"
               "|familial hypercholesterolaemia|hyperkolesterolemi|hypercholesterolemia|marfan|marfans"
               "|marfan syndrome|marfans syndrom|fragilt x|fragile x|huntingtons|huntington s|huntingtons sjukdom"
               "|tay sachs|sicklecellanemi|sickle cell|talassemi|thalassemia|thalassaemia|hemokromatos"
               "|haemochromatosis|hemochromatosis|hemofili|haemophilia|hemophilia|blödarsjuka|blödarsjuk"
               "|duchenne|neurofibromatos|neurofibromatosis|li fraumeni|apoe4|apoe 4|mthfr|down syndrom"
               "|downs syndrom|down syndrome|trisomi 21|trisomy 21|klinefelter|klinefelters|turners syndrom"
               "|turner syndrome|heterozygot|heterozygous|homozygot|homozygous|carrier for|bärare för"
               "|genetic predisposition|genetisk predisposition|ärftlig risk|hereditary risk"
               "|kromosomavvikelse|chromosomal abnormality|genetisk sjukdom|genetic disorder|genetic condition"
               "|ärftlig sjukdom|hereditary disease|inherited condition|gene expansion|genetiskt bekräftad"
               "|genetiskt bekräftat"
               "|genetically confirmed|tested positive for|testade positivt för|gen positiv|gene positive",
}
TOPIC = {
    "sexual_orientation": "hbtq|hbtqi|lgbt|lgbtq|lgbtqia|sexual orientation|sexuell läggning|rfsl|samkönad"
                          "|samkönade|samkönat|same sex|partner of the same sex|sexualitet|sexuality"
                          "|dejtar män|dejtar kvinnor|date men|date women|dating men|dating women|dejtar både|date both"
                          "|dating both|attracted to men|attracted to women|attraherad av män|attraherad av kvinnor",
    "ethnic_origin": "etnicitet|ethnicity|ethnic|etnisk|kurdish|kurdisk|samisk|sami|sámi|romsk|romani|roma"
                     "|härkomst|descent|folkgrupp|ethnic group|hudfärg|skin colour|skin color|assyrisk"
                     "|assyrian|diaspora|diasporan|invandrarbakgrund|utländsk bakgrund|immigrant background"
                     "|migrant background|migrationsbakgrund|flyktingbakgrund|refugee background",
    "biometric": "biometri|biometrisk|biometric|biometrics|biometriska data|biometric data|röstprov|voice sample"
                 "|voice samples",
    "genetic": "dna|dna test|dnatest|gentest*|genetic test|genetic testing|genetisk|genetic|genetics|arvsanlag"
               "|brca|brca1|brca2|genome|genmutation|gene mutation|gene variant|genvariant|ärftlig|hereditary"
               "|heredity|23andme|carrier of|bärare av|gene|genen|generna|genetic panel|genpanel"
               "|genetisk utredning|genetiska utredningen|exome|exom|whole genome|helgenom",
}

# Ethnic words that are also languages or cultures: followed by a word of origin or family they
# are ethnic origin ("kurdisk bakgrund", "Sami descent", "romsk släkt").
ETHNIC_ADJECTIVES = ("kurdisk kurdiska kurdiskt samisk samiska samiskt romsk romska romskt assyrisk assyriska "
                     "syriansk syrianska kurdish sami sámi roma romani assyrian syriac tornedalsk").split()
ORIGIN_NOUNS = ("släkt bakgrund ursprung härkomst familj folkgrupp rötter börd descent heritage origin "
                "background family roots ancestry extraction").split()
# With a nationality (which alone is citizenship or a language), only words of origin count.
NATIONAL_ORIGIN_NOUNS = ("bakgrund ursprung härkomst rötter börd descent heritage origin background roots "
                         "ancestry extraction").split()
_NATIONS = (
    "afghan albanian algerian american arab argentinian armenian australian austrian bangladeshi belgian "
    "bolivian bosnian brazilian british bulgarian cambodian cameroonian canadian chilean chinese colombian "
    "congolese croatian cuban czech danish dominican dutch ecuadorian egyptian english eritrean estonian "
    "ethiopian filipino finnish french gambian georgian german ghanaian greek guatemalan haitian hungarian "
    "icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian "
    "kenyan korean kosovar kurdish kuwaiti latvian lebanese libyan lithuanian macedonian malaysian malian "
    "mexican moroccan nepalese nigerian norwegian pakistani palestinian persian peruvian polish portuguese "
    "romanian russian rwandan saudi scottish senegalese serbian slovak slovenian somali "
    "sudanese swedish swiss syrian taiwanese tamil thai tigrayan tunisian turkish ugandan ukrainian "
    "uruguayan venezuelan vietnamese welsh yemeni zimbabwean "
    "afghansk albansk algerisk amerikansk arabisk argentinsk armenisk australisk österrikisk bangladeshisk "
    "belgisk bolivansk bosnisk brasiliansk brittisk bulgarisk kambodjansk kamerunsk kanadensisk chilensk "
    "kinesisk colombiansk kongolesisk kroatisk kubansk tjeckisk dansk dominikansk holländsk nederländsk "
    "ecuadoriansk egyptisk engelsk eritreansk estnisk etiopisk filippinsk finsk fransk gambisk georgisk "
    "tysk ghanansk grekisk guatemalansk haitisk ungersk isländsk indisk indonesisk iransk irakisk irländsk "
    "israelisk italiensk ivoriansk jamaicansk japansk jordansk kenyansk koreansk kosovoalbansk kuwaitisk "
    "lettisk libanesisk libysk litauisk makedonsk malaysisk malisk mexikansk marockansk nepalesisk "
    "nigeriansk norsk pakistansk palestinsk persisk peruansk polsk portugisisk rumänsk rysk rwandisk "
    "saudisk skotsk senegalesisk serbisk slovakisk slovensk somalisk sudanesisk svensk schweizisk syrisk "
    "taiwanesisk tamilsk thailändsk tigrinsk tunisisk turkisk ugandisk ukrainsk uruguayansk venezuelansk "
    "vietnamesisk walesisk jemenitisk zimbabwisk").split()
NATIONALITIES = frozenset(
    [n for n in _NATIONS if not n.endswith("sk")]
    + [n + e for n in _NATIONS if n.endswith("sk") for e in ("", "a", "t")] + ETHNIC_ADJECTIVES)
PROFESSIONAL_AFTER = frozenset("inom in within som as i".split())  # "bakgrund inom försäkring"
FAMILY_ORIGIN = frozenset("föräldrar föräldrarna mamma pappa mor far farföräldrar morföräldrar parents mother "
                          "father mum mom dad grandparents".split())
NOT_PEOPLE = frozenset("team teams office kontor company företag bolag time tid day dag staff personal "
                       "kunder customers market marknad".split())  # "half Swedish team"
HALF = frozenset("half halv halvt halft halva".split())
COLOURS = frozenset("svart svarta black brun bruna brown vit vita white".split())
PERSON_NOUNS = frozenset("kvinna kvinnor man män person personer tjej tjejer kille killar woman women men "
                         "people girl girls guy guys mamma pappa mother father förälder parent".split())
IDENTITY_LEADS = frozenset("som as am är im being".split())  # "som svart kvinna", "as a Black woman"
FAMILY = frozenset("föräldrar föräldrarna mamma pappa mor far familj familjen farföräldrar morföräldrar "
                   "parents mother father mum mom dad family grandparents".split())
MIGRATED = frozenset("flydde flytt invandrade emigrerade kom fled emigrated immigrated came migrated "
                     "escaped".split())
# A spouse's gender and the writer's own ("min man Erik … jag är själv man"): the same gender is a
# same-sex relationship. Only when the writer states their own gender; the guard infers no gender.
SPOUSES = {"man": "m", "make": "m", "maken": "m", "pojkvän": "m", "husband": "m", "boyfriend": "m",
           "fru": "f", "frun": "f", "hustru": "f", "flickvän": "f", "wife": "f", "girlfriend": "f"}
OWN_GENDER = {"man": "m", "kille": "m", "karl": "m", "male": "m", "guy": "m", "kvinna": "f", "tjej": "f",
              "woman": "f", "female": "f", "girl": "f"}
MARRIED = frozenset("gift married sambo lever lives live living bor dejtar dating".split())
