"""The section's initial content, from the municipality's current page.

Source: shared seed text of starazagora.bg/bg/mezhdunarodna-deynost with the
corrections and the sourced facts of the facts sheet (FACTS.md). English is a
faithful translation. Each entry has a stable key: the loader creates an entry
once and never again, so staff edits and deletions are kept.
"""

from decimal import Decimal

from ..models import (
    Event,
    InfoPage,
    Organization,
    Participation,
    Programme,
    SectionPage,
    SiteContact,
    TwinCity,
)
from .seed_pages import INFO_PAGES

ADDRESS = {
    "bg": "бул. „Цар Симеон Велики“ 107, 6000 Стара Загора",
    "en": "107 Tsar Simeon Veliki Blvd, 6000 Stara Zagora, Bulgaria",
}


def both(bg, en):
    """Return a field's Bulgarian and English values for the loader."""
    return {"bg": bg, "en": en}


SECTION_PAGE = {
    "title": both(
        "Международна дейност на Община Стара Загора",
        "International activity of Stara Zagora Municipality",
    ),
    "lead": both(
        "<p>Община Стара Загора развива международната си дейност като приемственост на "
        "установени многогодишни контакти и връзки с побратимени градове, чрез членуване в "
        "европейски мрежи и неформални организации и участие във значими европейски "
        "прояви.</p>"
        "<p>Ръководството на общината се стреми да разширява международното сътрудничество "
        "с чуждестранни общини, като отчита взаимния интерес, потенциалната възможност за "
        "партньорство по европейски програми и обмен на добри практики в търсене на решения "
        "по сходни проблеми.</p>",
        "<p>Stara Zagora Municipality carries out its international activity as a "
        "continuation of long-established contacts and ties with its twin cities, through "
        "membership in European networks and informal organisations, and through taking "
        "part in significant European events.</p>"
        "<p>The municipality's leadership seeks to widen international cooperation with "
        "municipalities abroad, taking into account mutual interest, the potential for "
        "partnership under European programmes and the exchange of good practice in the "
        "search for solutions to similar problems.</p>",
    ),
    "responsible_unit": both(
        "Дирекция „Европейски програми и протокол“, Община Стара Загора",
        "Directorate “European Programmes and Protocol”, Stara Zagora Municipality",
    ),
    "address": ADDRESS,
}

SITE_CONTACT = {
    "organisation_name": both("Община Стара Загора", "Stara Zagora Municipality"),
    "address": ADDRESS,
    "website": "https://www.starazagora.bg/",
    "hotline_number": "0800 157 37",
    "hotline_note": both("безплатен, 24 часа в денонощието", "free of charge, 24 hours a day"),
}

ORGANIZATIONS = [
    {
        "key": "organization:strasbourg-club",
        "kind": Organization.Kind.INTERNATIONAL,
        "order": 10,
        "name": both("Страсбургски клуб", "Strasbourg Club"),
        "slug": both("strasburgski-klub", "strasbourg-club"),
        "original_name": "Club de Strasbourg",
        "original_name_language": "fr",
        "website": "https://www.club-strasbourg.eu/",
        "founded_year": 2003,
        "founded_note": both(
            "по инициатива на кмета на Страсбург, в навечерието на най-голямото "
            "разширяване на Европейския съюз",
            "on the initiative of the Mayor of Strasbourg, on the eve of the largest "
            "enlargement of the European Union",
        ),
        "size": both(
            "38 града от новите и бъдещите страни членки на ЕС",
            "38 cities from the new and future member states of the EU",
        ),
        "role": both("активен член", "active member"),
        "description": both(
            "<p>Община Стара Загора е активен член на Страсбургския клуб. Създаден по "
            "инициатива на кмета на Страсбург през 2003 година в навечерието на най-голямото "
            "разширяване на Европейския съюз, клубът обединява вече 38 града от новите "
            "и бъдещите страни членки на ЕС.</p>"
            "<p>Целта е да се насърчава засилването на връзките между основни областни центрове "
            "от новите страни членки на ЕС с парламентарната столица на обединена Европа, за да "
            "се улеснява обменът на опит във формиране на различни общински политики, да се "
            "стимулира творческата мобилност между градовете от клуба и да се насърчават "
            "европейските институции да отчитат проблемите, общи за големите градски "
            "райони.</p>",
            "<p>Stara Zagora Municipality is an active member of the Strasbourg Club. Founded "
            "on the initiative of the Mayor of Strasbourg in 2003, on the eve of the largest "
            "enlargement of the European Union, the organisation now brings together 38 cities "
            "from the new and future member states of the EU.</p>"
            "<p>Its aim is to strengthen the links between the main regional centres of the "
            "new EU member states and the parliamentary capital of a united Europe, so as to "
            "make it easier to exchange experience in shaping municipal policies, to stimulate "
            "creative mobility between the club's cities, and to encourage the European "
            "institutions to take into account the problems common to large urban areas.</p>",
        ),
    },
    {
        "key": "organization:cities-for-children",
        "kind": Organization.Kind.NETWORK,
        "order": 20,
        "name": both(
            "Европейска мрежа „Градове за децата“", "European network “Cities for Children”"
        ),
        "slug": both("gradove-za-detsata", "cities-for-children"),
        "website": "https://www.citiesforchildren.eu/",
        "founded_year": 2007,
        "founded_note": both(
            "по инициатива на кмета на Щутгарт, с подкрепата на фондация „Роберт Бош“",
            "initiated by the Mayor of Stuttgart, with the support of the Robert Bosch "
            "Foundation (Robert Bosch Stiftung)",
        ),
        "size": both("над 50 града от 26 страни", "over 50 cities from 26 countries"),
        "member_since": 2007,
        "role": both("член от учредяването на мрежата", "member since the network was founded"),
        "description": both(
            "<p>Община Стара Загора членува в Европейската мрежа „Градове за децата“ от "
            "самото ѝ учредяване през 2007 година. Инициирана от кмета на Щутгарт с "
            "подкрепата на фондация „Роберт Бош“, тази мрежа дава възможност на европейските "
            "градове за трансгранично сътрудничество в развитие на градската среда за "
            "подобряване положението на децата, младежите и родителите.</p>"
            "<p>Мрежата е създадена предвид демографската обстановка в Европа, която е голямо "
            "предизвикателство за дългосрочната жизненост на нашите градове. Към момента в "
            "нея членуват над 50 града от 26 страни.</p>",
            "<p>Stara Zagora Municipality has been a member of the European network “Cities "
            "for Children” since its founding in 2007. Initiated by the Mayor of Stuttgart "
            "with the support of the Robert Bosch Foundation, the network gives European "
            "cities the opportunity to cooperate across borders in developing the urban "
            "environment so as to improve the situation of children, young people and "
            "parents.</p>"
            "<p>The network was created in view of the demographic situation in Europe, which "
            "is a great challenge to the long-term vitality of our cities. It currently has "
            "over 50 member cities from 26 countries.</p>",
        ),
        "highlights": both(
            "<p>През 2009 година Община Стара Загора беше модератор на една от работните "
            "групи – „Улично движение и безопасност“, и успешно организира годишната ѝ "
            "среща.</p>",
            "<p>In 2009 Stara Zagora Municipality moderated one of the working groups, "
            "“Traffic and Safety”, and successfully hosted its annual meeting.</p>",
        ),
    },
    {
        "key": "organization:south-east-region-association",
        "kind": Organization.Kind.ASSOCIATION,
        "order": 30,
        "name": both(
            "Сдружение на градовете от Югоизточен регион в България",
            "Association of the Cities of the South-East Region of Bulgaria",
        ),
        "slug": both(
            "sdruzhenie-na-gradovete-ot-yugoiztochen-region",
            "south-east-region-cities-association",
        ),
        "founded_year": 2008,
        "founded_note": both(
            "от Бургас, Стара Загора, Ямбол и Сливен; седалище: Бургас",
            "by Burgas, Stara Zagora, Yambol and Sliven; seat: Burgas",
        ),
        "member_since": 2008,
        "role": both("член учредител", "founding member"),
        "description": both(
            "<p>Община Стара Загора е член на Сдружението на градовете от Югоизточен регион "
            "в България. Сдружението поддържа офис в Брюксел и осъществява представяния на "
            "региона и членуващите общини.</p>"
            "<p>Като член на сдружението Стара Загора редовно участва в събитията Открити дни "
            '(<span lang="en">Open Days</span>) по време на организираната ежегодно в Брюксел '
            "мащабна проява "
            "„Европейска седмица на регионите и градовете“.</p>",
            "<p>Stara Zagora Municipality is a member of the Association of the Cities of the "
            "South-East Region of Bulgaria. The association keeps an office in Brussels and "
            "presents the region and its member municipalities there.</p>"
            "<p>As a member of the association, Stara Zagora regularly takes part in the Open "
            "Days events during the large-scale “European Week of Regions and Cities”, held "
            "every year in Brussels.</p>",
        ),
    },
]

EVENTS = [
    {
        "key": "event:open-days",
        "order": 10,
        "organization": "organization:south-east-region-association",
        "name": both(
            "Открити дни (Open Days) – Европейска седмица на регионите и градовете",
            "Open Days – European Week of Regions and Cities",
        ),
        "slug": both("otkriti-dni", "open-days"),
        "organiser": both(
            "Европейският комитет на регионите и Европейската комисия (ГД „Регионална и "
            "селищна политика“)",
            "The European Committee of the Regions and the European Commission "
            "(Directorate-General for Regional and Urban Policy, DG REGIO)",
        ),
        "place": both("Брюксел, Белгия", "Brussels, Belgium"),
        "recurrence": both("всяка година", "every year"),
        "website": "https://regions-and-cities.europa.eu/",
        "description": both(
            "<p>Мащабна проява, организирана ежегодно в Брюксел. От 2016 г. тя носи името "
            "„Европейска седмица на регионите и градовете“ "
            '(<span lang="en">#EURegionsWeek</span>); предишният ѝ '
            "сайт е www.opendays.europa.eu.</p>"
            "<p>Като член на Сдружението на градовете от Югоизточен регион в България Община "
            "Стара Загора редовно участва в събитията Открити дни "
            '(<span lang="en">Open Days</span>), включително '
            "през 2012 г.</p>",
            "<p>A large-scale event held every year in Brussels. Since 2016 it has been called "
            "the “European Week of Regions and Cities” (#EURegionsWeek); its earlier website "
            "was www.opendays.europa.eu.</p>"
            "<p>As a member of the Association of the Cities of the South-East Region of "
            "Bulgaria, Stara Zagora Municipality regularly takes part in the Open Days events, "
            "among them in 2012.</p>",
        ),
    },
]

PROGRAMMES = [
    {
        "key": "programme:europe-for-citizens",
        "order": 10,
        "name": both("„Европа за гражданите“", "“Europe for Citizens”"),
        "slug": both("evropa-za-grazhdanite", "europe-for-citizens"),
        "funder": both("Европейската комисия", "The European Commission"),
        "period_start": 2007,
        "period_end": 2020,
        "description": both(
            "<p>Европейска програма в два програмни периода: 2007–2013 г. и 2014–2020 г. "
            "(Регламент (ЕС) № 390/2014). Неин наследник е програмата „Граждани, равенство, "
            'права и ценности“ (<span lang="en">CERV</span>), 2021–2027 г.</p>',
            "<p>A European programme that ran in two periods: 2007–2013 and 2014–2020 "
            "(Regulation (EU) No 390/2014). Its successor is the Citizens, Equality, Rights and "
            "Values programme (CERV), 2021–2027.</p>",
        ),
    },
]

PARTICIPATIONS = [
    {
        "key": "participation:european-regions-citizenship",
        "order": 10,
        "programme": "programme:europe-for-citizens",
        "title": both(
            "Европейските региони развиват европейско гражданство",
            "European Regions Develop European Citizenship",
        ),
        "slug": both(
            "evropeyskite-regioni-razvivat-evropeysko-grazhdanstvo",
            "european-regions-develop-european-citizenship",
        ),
        "role": Participation.Role.PARTNER,
        "partners": both(
            "16 региона, общини и неправителствени организации от 11 държави",
            "16 regions, municipalities and NGOs from 11 countries",
        ),
        "start_year": 2014,
        "description": both(
            "<p>Община Стара Загора беше партньор в проекта „Европейските региони развиват "
            "европейско гражданство“ по европейската програма „Европа за гражданите“, "
            "финансиран от Европейската комисия. През 2014 г. тя беше единственият български "
            "партньор сред 16 региона, общини и неправителствени организации от 11 "
            "държави.</p>",
            "<p>Stara Zagora Municipality was a partner in the project “European Regions "
            "Develop European Citizenship” under the European programme “Europe for "
            "Citizens”, funded by the European Commission. In 2014 it was the only Bulgarian "
            "partner among 16 regions, municipalities and NGOs from 11 countries.</p>",
        ),
    },
]


#: The twin cities come from a local news source and an older municipal page, not from the
#: municipality's current page, and no year of signing was found (FACTS.md): each waits
#: for the municipality's confirmation.
TWIN_CITY_TO_CONFIRM = both(
    "Дали връзката е актуална и от коя година е.",
    "Whether the tie is current, and since which year.",
)


def twin_city(key, order, name, slug, country, region=None, kind=TwinCity.Kind.TWIN):
    entry = {"key": f"twin-city:{key}", "order": order, "name": name, "slug": slug}
    entry.update(country=country, kind=kind)
    entry.update(to_confirm=True, to_confirm_note=TWIN_CITY_TO_CONFIRM)
    if region:
        entry["region"] = region
    return entry


TWIN_CITIES = [
    twin_city("larissa", 10, both("Лариса", "Larissa"), both("larisa", "larissa"), "GR"),
    twin_city("krusevac", 20, both("Крушевац", "Kruševac"), both("krushevats", "krusevac"), "RS"),
    twin_city("radom", 30, both("Радом", "Radom"), both("radom", "radom"), "PL"),
    twin_city("samara", 40, both("Самара", "Samara"), both("samara", "samara"), "RU"),
    twin_city("barreiro", 50, both("Барейро", "Barreiro"), both("bareyro", "barreiro"), "PT"),
    twin_city(
        "yueyang", 60, both("Юеян", "Yueyang"), both("yueyan", "yueyang"), "CN",
        region=both("провинция Хунан", "Hunan Province"),
    ),
    twin_city(
        "durham", 70, both("Дърам", "Durham"), both("daram", "durham"), "US",
        region=both("Северна Каролина", "North Carolina"),
    ),
    twin_city(
        "downpatrick", 80, both("Даунпатрик", "Downpatrick"), both("daunpatrik", "downpatrick"),
        "GB", region=both("Северна Ирландия", "Northern Ireland"),
    ),
    twin_city(
        "drome", 90, both("Департамент Дром", "Drôme department"), both("drom", "drome"), "FR",
        kind=TwinCity.Kind.COOPERATION,
    ),
]  # fmt: skip
# The Drôme department is a region of "intensive links", not a twin city.
TWIN_CITIES[-1]["cooperation_areas"] = both(
    "<p>Интензивни връзки на сътрудничество.</p>", "<p>Intensive ties of cooperation.</p>"
)

# City centres to two decimal places (about 1 km), for the map of the twin cities;
# the Drôme department is placed at its prefecture, Valence.
TWIN_CITY_COORDINATES = {
    "larissa": ("39.64", "22.42"),
    "krusevac": ("43.58", "21.33"),
    "radom": ("51.40", "21.15"),
    "samara": ("53.20", "50.15"),
    "barreiro": ("38.66", "-9.07"),
    "yueyang": ("29.36", "113.13"),
    "durham": ("35.99", "-78.90"),
    "downpatrick": ("54.33", "-5.72"),
    "drome": ("44.93", "4.89"),
}
for _entry in TWIN_CITIES:
    _latitude, _longitude = TWIN_CITY_COORDINATES[_entry["key"].removeprefix("twin-city:")]
    _entry["latitude"], _entry["longitude"] = Decimal(_latitude), Decimal(_longitude)

#: What the loader creates, in an order where every record's relations come first.
RECORDS = [
    (Organization, ORGANIZATIONS),
    (Event, EVENTS),
    (Programme, PROGRAMMES),
    (Participation, PARTICIPATIONS),
    (TwinCity, TWIN_CITIES),
    (InfoPage, INFO_PAGES),
]
SINGLETONS = [
    ("section-page", SectionPage, SECTION_PAGE),
    ("site-contact", SiteContact, SITE_CONTACT),
]
