"""Religion, belief and political words of the guard (R-CON-8): denominations, congregations,
practices; parties (Swedish with nicknames, youth, women's and student wings; British, US, Nordic,
German), party work and activist movements. Notation: see `vocabulary`.

A congregation or party that employs or buys from a consultant is found by the judge (a preposition
or a work word before it); these lists only say what the words mean.
"""
from __future__ import annotations

_DENOMINATIONS = (
    "adventist|sjundedagsadventist|seventh day adventist|baptist|metodist|methodist|lutheran|luthersk|anglican"
    "|anglikan|presbyterian|quaker|kväkare|sunnimuslim|shiamuslim|sunni muslim|shia muslim|shiite|ahmadi"
    "|ahmadiyya|sufi|hinduist|jain|bahai|baha i|scientolog|scientologist|laestadian|laestadian|læstadian"
    "|frälsningssoldat|pingstpastor|asatroende|asatru|wiccan|pagan!|hedning|frimurare|freemason"
    "|ortodox kristen|orthodox christian|orthodox jew|ortodox jude|syrisk ortodox|koptisk|coptic"
    "|born again|pånyttfödd kristen|frikyrkokristen|troende kristen|troende muslim|praktiserande muslim"
    "|practising muslim|practicing muslim|practising catholic|practicing catholic|practising jew"
    "|practicing jew|observant jew|devout|gudfruktig|godfearing|god fearing|humanisterna"
)
_PRACTICES = (
    "firar sabbat|keep the sabbath|keep shabbat|observe shabbat|go to mass|goes to mass|attend mass"
    "|attends mass|går i mässan|går på mässan|går i kyrkan|går till kyrkan|går på gudstjänst|går i moskén"
    "|går till moskén|går i synagogan|goes to church|go to church|attend church|attends church|church every"
    "|kyrkan varje|fredagsbön|friday prayers|friday prayer|jummah|ber varje dag|pray daily|pray five times"
    "|prays five times|fastar under ramadan|fast during ramadan|fasting during ramadan|bönematta|prayer mat"
    "|my faith|min tro|my religion|min religion|my church|min kyrka|my parish|min församling"
    "|my mosque|min moské|my synagogue|min synagoga|my congregation|home church|hemförsamling"
    "|konfirmationsledare|söndagsskollärare|sunday school teacher|ungdomsledare i kyrkan|lector in|kyrkvärd"
    "|churchwarden|field ministry|missionsresa|mission trip|pilgrimsvandring|pilgrimage|hajj"
    "|umrah|bar mitzva|bat mitzva|bar mitzvah|bat mitzvah|alphakurs|alpha course|gospelkör|gospel choir"
)
_PARTIES_SV = (
    "moderaterna|moderat^|moderaten|nya moderaterna|socialdemokraterna~|sossarna|sossar|sossen|s kvinnor"
    "|sverigedemokraterna~|sd^|sd kvinnor|vänsterpartiet~|vänstern^|miljöpartiet~|mp^|miljöpartiet de gröna"
    "|centerpartiet~|centern^|liberalerna|folkpartiet|kristdemokraterna~|kd^|feministiskt initiativ|fi^"
    "|piratpartiet|partiet nyans|alternativ för sverige|medborgerlig samling|kristna värdepartiet|socialistiska partiet"
    "|rättvisepartiet socialisterna|kommunistiska partiet|sveriges kommunistiska parti|nordiska motståndsrörelsen"
    "|nmr^|partiet vändpunkt|ung vänster|muf|ssu|cuf|luf|kdu|grön ungdom|sdu|ungsvenskarna"
    "|moderata ungdomsförbundet|centerpartiets ungdomsförbund|liberala ungdomsförbundet|unga örnar"
    "|kristdemokratiska ungdomsförbundet|ung pirat|unga feminister|centerkvinnorna|moderatkvinnorna"
    "|liberala kvinnor|kd kvinnor|kvinnoförbundet|socialdemokratiska kvinnoförbundet|fria moderata studentförbundet"
    "|fmsf|socialdemokratiska studentförbundet|s studenter|liberala studenter|centerstudenter|gröna studenter"
    "|vänsterns studentförbund|arbetarekommun|arbetarekommunen|socialdemokratisk förening"
)
_PARTIES_OTHER = (
    "moderate party|social democrats|social democratic party|sweden democrats|green party|greens@en|left party"
    "|centre party|center party|christian democrats|liberals@en|pirate party|labour party|labour^@en|tories"
    "|tory|conservative party|conservatives@en|lib dems|liberal democrats|scottish national party"
    "|reform uk|ukip|plaid cymru|democratic party|republican party|democrats@en|republicans@en|gop"
    "|democratic socialists|young labour|young conservatives|cdu|spd|afd|die linke|die grünen|fdp"
    "|arbeiderpartiet|høyre|fremskrittspartiet|sosialistisk venstreparti|socialdemokratiet|dansk folkeparti"
    "|enhedslisten|perussuomalaiset|finns party|true finns|kokoomus|vihreät|svenska folkpartiet"
    "|young greens|young liberals|socialist party|communist party|labor party"
)
_POLITICAL_WORK = (
    "partiförening|partiföreningen|partiavdelning|partidistrikt|partisektion|party branch|party chapter"
    "|local party|constituency party|valarbetare|valsedelsutdelare|valstuga|valstugan|knacka dörr"
    "|knackade dörr|knackat dörr|knackar dörr|dörrknackning|dörrknackare|door knocking|door knocker"
    "|phone banker|phone banking|flygbladsutdelning|leafleting|valkampanj"
    "|election campaign|campaign volunteer|kampanjvolontär|kommunpolitiker|lokalpolitiker|local politician"
    "|councillor|city councillor|kommunalråd|nämndeman|lay judge|riksdagskandidat|kandidat till riksdagen"
    "|partikandidat|party candidate|partiledamot|fritidspolitiker|politiker på fritiden|kandiderade för"
    "|stood for election|stood as a candidate|ran for office|partisekreterare|party secretary"
)
_MOVEMENTS = (
    "extinction rebellion|fridays for future|greenpeace|återställ våtmarker|ta tillbaka framtiden|antifa"
    "|black lives matter|attac|klimataktivist|climate activist|miljöaktivist|environmental activist"
    "|djurrättsaktivist|animal rights activist|republikanska föreningen|antimonarkist|anti monarchy|antirojalist"
    "|monarkist|monarchist|republikan~|republican|anarkosyndikalist|marxist~|leninist|trotskist|trotskyist"
    "|maoist|antifascist|libertarian|libertarian socialist|vänsterliberal|högerextrem|vänsterextrem"
    "|socialliberal!|vänster!|höger!|vänsterinriktad|högerinriktad"
)
IDENTITY = {
    "religion": "troende|believer in god|believers in god|muslim~|muslimer|muslimsk|katolik~|katolsk|catholic~"
                "|protestant|jude|judinna|jew|jewish|judisk|hindu|buddist|buddhist~|ateist|atheist~|agnostiker"
                "|frikyrklig|pingstvän|evangelical~|sikh|mormon|jehovas vittne|jehovah s witness|konvertit"
                "|ber till gud|bibelstudier|bible study|bible studies|bönegrupp|prayer group|kyrkokör"
                "|church choir|pray|prays|praying|ber fem gånger|praktiserande kristen|pingstförsamling~"
                "|pingstkyrkan|pingstkyrka|pingströrelsen|equmeniakyrkan|equmenia|frälsningsarmén"
                "|salvation army|livets ord|katolska kyrkan|catholic church|ortodoxa kyrkan|orthodox church"
                "|church of england|yom kippur|gurdwara|celebrate eid|celebrates eid|firar eid|fira eid"
                f"|{_DENOMINATIONS}|{_PRACTICES}",
    "political_opinion": "socialdemokrat~|sosse|socialist~|kommunist~|communist~|nationalist~|anarkist"
                         "|anarchist~|feminist~|vänsterpartist|sverigedemokrat|miljöpartist|centerpartist"
                         "|kristdemokrat|liberal partimedlem|moderat partimedlem|politiskt aktiv|politically active"
                         "|partimedlem|party member|riksdagsledamot|partiaktiv|partiaktiva|partipolitiskt engagerad"
                         "|partipolitiskt aktiv"
                         f"|{_POLITICAL_WORK}|{_MOVEMENTS}",
}
TOPIC = {
    "religion": "religion*|religious|religiös|*kyrka|*kyrkan|church|*församling*|congregation|moské|mosque"
                "|synagoga|synagogue|islam|kristendom|christianity|judendom|judaism|katolicism~|catholicism~"
                "|faith|kristen|kristna|christian|gud@sv|god@en|bön|prayer|ramadan|gudstjänst|söndagsskola"
                "|sunday school|bibel|bible|koranen|quran|high holidays|religiösa skäl|religious reasons"
                "|svenska kyrkans unga|parish|församlingen|pastorat|buddhism|buddism|hinduism|sikhism|atheism|ateism"
                "|humanism|sekulär humanism|konfirmation|confirmation class|konfirmerad|baptised|baptized|sabbat"
                "|shabbat|sabbath|pesach|passover|diwali|hanukkah|chanukka|halal|kosher|koscher|hijab|niqab|burka"
                "|kippa|kippah|turban|slöja|tempel|temple@en",
    "political_opinion": "moderaterna|politiskt uppdrag|political office|kommunfullmäktige|municipal council"
                         "|young left|green youth|young moderates|regionfullmäktige|landstingsfullmäktige"
                         "|kyrkoval|kyrkofullmäktige|riksdagsval|valrörelse|valrörelsen|civil olydnad"
                         "|civil disobedience|climate blockade|klimatblockad|aktivism|activism|fascist~|nazist|nazi"
                         "|far right|far left|left wing|right wing|förtroendeuppdrag|partipolitik|party politics"
                         "|political views|political beliefs|politiska åsikter"
                         "|politisk övertygelse|political opinions|politiska övertygelse"
                         f"|{_PARTIES_SV}|{_PARTIES_OTHER}",
}
