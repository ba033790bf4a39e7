#!/usr/bin/env python3
"""Writes the bundled registry data in data/ from the curated tables below.

    scripts/data/build.py [--out DIR]

The data is curated by hand from five source documents (see data/README.md); every value
below carries its source key, the raw line numbers of the source text and the Russian
words it rests on. This script only formats it: it reads nothing outside itself, and two
runs write byte-identical files. Check the result with scripts/data/check.py.
"""
import argparse
import json
import os

import news

HSE = "hse-2019"
DIGEST = "rko-digest-2019-12"
NEWS = "hse-news-medtech-cluster"
PENZA = "penza-biomed-article"
SLIDES = "kutsenko-cluster-policy-slides"

# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------
SOURCES = [
    dict(key=HSE,
         title="Биомедицинские кластеры в мире: факторы успеха и истории лучших",
         document="000_2436753eafab3198.txt",
         locator="raw line numbers of the text extraction (8,549 lines)",
         date="2019",
         publisher="Институт статистических исследований и экономики знаний НИУ ВШЭ "
                   "(ИСИЭЗ НИУ ВШЭ); Фонд Международного медицинского кластера",
         note="HSE ISSEK report on biomedical clusters (indicator system of 15 indicators, "
              "cluster analysis into three groups, target models, seven success factors). "
              "The year is not printed in the extracted text; the December 2019 digest lists "
              "the report among new publications (rko-digest-2019-12, line 51). Publishers "
              "from the back cover (lines 8525-8549): issek.hse.ru, mimc.global, "
              "cluster.hse.ru. The extraction lacks Fig. 2.1 (the list of the 40 sample "
              "clusters), the ESCA row of Table 2.1 and the final chapter on the International "
              "Medical Cluster."),
    dict(key=DIGEST,
         title="Территориальные кластеры: дайджест новостей. Выпуск №12, декабрь 2019 г.",
         document="001_fcbe2c7568999b02.txt",
         locator="raw line numbers of the text extraction",
         url="http://cluster.hse.ru",
         date="2019-12",
         publisher="Российская кластерная обсерватория ИСИЭЗ НИУ ВШЭ",
         note="Monthly news digest of the Russian Cluster Observatory (cover lines 5-26). "
              "The URL is the observatory's site given in the digest (lines 67, 686); each "
              "news item names its own outlet."),
    dict(key=NEWS,
         title="Innovative Medical Technologies Cluster will appear in the capital",
         document="002_1aca39526a249238.txt",
         locator="raw line numbers of the text extraction",
         publisher="НИУ ВШЭ, Российская кластерная обсерватория (HSE news page)",
         note="English-language HSE news page on a round table at the HSE Foresight "
              "Conference. Undated; internal evidence (pilot cluster programme 'launched in "
              "2012', subsidies compared with 'the previous year') suggests about 2014, so "
              "no date is recorded."),
    dict(key=PENZA,
         title="[Открытые и сквозные инновации в кластере: кейс промышленного кластера "
               "Пензенской области «БиоМед»]",
         document="003_76a95ecd676165d4.txt",
         locator="raw line numbers of the text extraction",
         note="Scholarly article in Russian; title and authors are not in the extracted text, "
              "so the title in brackets is descriptive. Prepared under RFBR grant "
              "18-310-00253 (lines 265-267); cluster data as of May 2018 (line 130)."),
    dict(key=SLIDES,
         title="[Кластерная политика и умная специализация: слайды Е. Куценко]",
         document="004_f7cddb9fca584885.txt",
         locator="raw line numbers of the text extraction",
         publisher="НИУ ВШЭ (ekutsenko@hse.ru)",
         note="Presentation slides; title not in the extracted text, so the title in brackets "
              "is descriptive. Undated (uses the HSE regional innovation rating 2015, so 2016 "
              "or later). No cluster of the registry rests on it; it is kept as a source "
              "document of the observatory."),
]

# Public web pages on the two country indices the study cites ([Bloomberg, 2014]; [IHRC, 2017]).
# Only what a stored copy of the page states is recorded; none of these is the publisher's own
# table, so each note says whose report it is. Read on READ_ON.
READ_ON = "2026-12-03"
BLOOMBERG_CRITERIA = ("countries of at least 5 million people, GDP per capita of at least "
                      "USD 5,000 and life expectancy of at least 70")


def web_source(key, title, publisher, url, note, date=None):
    rec = dict(key=key, title=title, locator="the page's wording (no line numbers)", url=url)
    if date:
        rec["date"] = date
    rec["publisher"] = publisher
    rec["note"] = note + f" Read from a stored copy of the page on {READ_ON}."
    return rec


BB13_ADVISORY = "bloomberg-2013-advisory-board"
BB13_LATINPOST = "bloomberg-2013-latin-post"
BB13_COECS = "bloomberg-2013-coecs"
BB14_MT = "bloomberg-2014-moscow-times"
BB14_RM = "bloomberg-2014-redaccion-medica"
BB14_OPIO = "bloomberg-2014-el-opio-del-pueblo"
BB16_RM = "bloomberg-2016-romney-manassa"
BB16_CLOSEUP = "bloomberg-2016-close-up-international"
BB16_RAINBOW = "bloomberg-2016-rainbow-news"
BB16_MEDMAR = "bloomberg-2016-med-mar"
MTI14_DOCTORS = "mti-2014-doctors-com-sg"
MTI14_MENA = "mti-2014-mena-forum"
MTI16_IHOSPITAL = "mti-2016-ihospitalonline"
MTI16_DEST = "mti-2016-destination-ranking"
SOURCES += [
    web_source(BB13_ADVISORY, "Bloomberg ranks the world's most efficient health care systems",
               "Advisory Board, Daily Briefing",
               "https://www.advisory.com/daily-briefing/2013/08/28/"
               "bloomberg-ranks-the-worlds-most-efficient-health-care-systems",
               "Secondary report of Bloomberg's 2013 ranking of the most efficient health-care "
               "systems (edition of August 2013): 48 " + BLOOMBERG_CRITERIA + ". Gives the top 10 "
               "with scores and places 43-48.", "2013-08-28"),
    web_source(BB13_LATINPOST, "[Latin Post: countries that master healthcare could serve as a "
               "model for the US]", "Latin Post",
               "https://latinpost.com/articles/3074/20131017/countries-master-healthcare-serve-"
               "model-us.htm",
               "Secondary report of Bloomberg's 2013 ranking (48 countries), with the places of "
               "the Latin American countries. Title descriptive (from the URL); date from the "
               "URL.", "2013-10-17"),
    web_source(BB13_COECS, "La sanidad española es la quinta mejor del mundo según un análisis de "
               "la agencia Bloomberg", "COECS (reprint of Radiocable)",
               "https://coecs.com/la-sanidad-espanola-es-la-quinta-mejor-del-mundo-segun-un-"
               "analisis-de-la-agencia-bloomberg",
               "Secondary report of Bloomberg's 2013 ranking ('clasificación global de 48 "
               "países'), with the places of Sweden, France, the Netherlands and Germany. "
               "Undated page; the 48 countries identify the 2013 edition."),
    web_source(BB14_MT, "Russia Scrapes Place on Bloomberg Health Care Ranking",
               "The Moscow Times",
               "https://themoscowtimes.com/2014/09/19/russia-scrapes-place-on-bloomberg-health-"
               "care-ranking-a39600",
               "Secondary report of Bloomberg's 'Most Efficient Health Care 2014: Countries', "
               "published on Friday 19 September 2014: 51 " + BLOOMBERG_CRITERIA + ". This is "
               "the edition the study cites as [Bloomberg, 2014] (lines 2900-2910).",
               "2014-09-19"),
    web_source(BB14_RM, "España se queda fuera de la élite mundial en eficiencia sanitaria",
               "Redacción Médica",
               "https://redaccionmedica.com/secciones/sanidad-hoy/espana-se-queda-fuera-de-la-"
               "elite-mundial-en-eficiencia-sanitaria",
               "Secondary report of Bloomberg's 2014 ranking: the first five in order, France "
               "8th, the United Kingdom 10th, Spain 14th (down from 5th in 2013).",
               "2014-10-24"),
    web_source(BB14_OPIO, "[El Opio del Pueblo: tag page 'Bloomberg rankings']",
               "El Opio del Pueblo (blog)", "https://elopiodelpueblo.info/tag/bloomberg-rankings",
               "Secondary report of Bloomberg's 'Most Efficient Health Care 2014: Countries' "
               "(the page names it as its source): Spain 14th, Mexico and Ecuador 12th and 13th. "
               "Undated tag page; descriptive title."),
    web_source(BB16_RM, "The Most Efficient Healthcare Systems in the World", "romneymanassa.com",
               "https://romneymanassa.com/2016/10/03/the-most-efficient-healthcare-systems-in-"
               "the-world/",
               "Secondary report (a blog post quoting Bloomberg's text) of the September 2016 "
               "health-care efficiency index (55 countries; data for 2014, which Bloomberg's "
               "text calls 'in 2014'): the first "
               "five and the United States 50th. A page dated 2016-10-19 (salusgate.com) calls "
               "Singapore first, Italy third and the US 44th 'now': those are the 2014 edition's "
               "places (The Moscow Times), so it is not read as a report of the 2016 edition.",
               "2016-10-03"),
    web_source(BB16_CLOSEUP, "[Close-Up International blog: Mexico in Bloomberg's health-care "
               "efficiency index]", "Close-Up International (blog)",
               "https://close-upinternational.mx/blog/?p=352",
               "Secondary report of the Bloomberg index 'published at the end of September this "
               "year' with 55 countries, Hong Kong first (88.9) and Spain third (72.2), i.e. the "
               "2016 edition. Undated page; descriptive title."),
    web_source(BB16_RAINBOW, "[Rainbow news: Russia last, 55th, in Bloomberg's health-care "
               "efficiency rating]", "rainbow-news.ru", "https://rainbow-news.ru/?p=76575",
               "Secondary report of Bloomberg's 2016 edition (55 countries). Descriptive title; "
               "the page is dated 29 September 2016.", "2016-09-29"),
    web_source(BB16_MEDMAR, "Россия заняла последнее место в рейтинге систем здравоохранения по "
               "версии Bloomberg", "med-mar.ru",
               "http://med-mar.ru/2012-01-16-16-34-34/3039-----------bloomberg.html",
               "Secondary report of a 55-country Bloomberg edition giving the places 51-55; its "
               "US figures (17.1% of GDP, life expectancy 78.9) are those romneymanassa.com "
               "quotes for the 2016 edition. Undated page."),
    web_source(MTI14_DOCTORS, "[doctors.com.sg: top medical tourism rankings]", "doctors.com.sg",
               "http://doctors.com.sg/medical/healthcare-news/top-medical-tourism-rankings/",
               "Secondary report of the first Medical Tourism Index (International Healthcare "
               "Research Center, announced 24 September 2014 at the World Medical Tourism & "
               "Global Healthcare Congress): 25 countries compared. It gives the top five, "
               "Thailand 20th, and for 9th place both the Philippines and India (70.4), which "
               "contradicts itself and mena-forum.com (Japan 9th, 70.4). Descriptive title.",
               "2014-09-24"),
    web_source(MTI14_MENA, "Dubai 17th amongst world medical tourism destinations", "MENA Forum",
               "http://www.mena-forum.com/dubai-17th-amongst-world-medical-tourism-destinations/",
               "Secondary report listing the 'Top 10 Medical Tourism Destinations for the year "
               "2014' of the Medical Tourism Index with values. Undated page."),
    web_source(MTI16_IHOSPITAL, "[Rambam Hospital news: IHRC report, Israel ranks #1 for "
               "facilities and services]", "ihospitalonline.org.il",
               "https://www.ihospitalonline.org.il/rambam-hospital-news-ihrc-report.aspx",
               "Secondary report of the 2016 Medical Tourism Index (the 2016-17 edition the "
               "study cites as [IHRC, 2017], lines 2912-2916): overall values of the top five. "
               "Undated page; descriptive title."),
    web_source(MTI16_DEST, "Destination Ranking", "International Healthcare Research Center "
               "(medicaltourismindex.com)",
               "https://www.medicaltourismindex.com/overview/destination-ranking/",
               "The publisher's page on the 2016 MTI: 41 destinations considered, listed by "
               "region. Of the registry's 22 countries it lists China, Japan, Korea, Singapore, "
               "Thailand, Colombia, Costa Rica, Mexico, France, Germany, Russia, Spain, Turkey "
               "and the UK; Switzerland, Denmark, Estonia, Croatia, Lithuania, the Netherlands, "
               "Sweden and the USA are not covered. No value rests on it."),
]

# --------------------------------------------------------------------------------------
# Countries and regions
# --------------------------------------------------------------------------------------
COUNTRIES = [
    ("CH", "Switzerland", "Швейцария"), ("CN", "China", "Китай"),
    ("CO", "Colombia", "Колумбия"), ("CR", "Costa Rica", "Коста-Рика"),
    ("DE", "Germany", "Германия"), ("DK", "Denmark", "Дания"), ("EE", "Estonia", "Эстония"),
    ("ES", "Spain", "Испания"), ("FR", "France", "Франция"),
    ("GB", "United Kingdom", "Великобритания"), ("HR", "Croatia", "Хорватия"),
    ("JP", "Japan", "Япония"), ("KR", "Republic of Korea", "Республика Корея"),
    ("LT", "Lithuania", "Литва"), ("MX", "Mexico", "Мексика"),
    ("NL", "Netherlands", "Нидерланды"), ("RU", "Russia", "Россия"),
    ("SE", "Sweden", "Швеция"), ("SG", "Singapore", "Сингапур"), ("TH", "Thailand", "Таиланд"),
    ("TR", "Turkey", "Турция"), ("US", "United States", "США"),
]

REGIONS = [
    ("de-berlin-brandenburg", "DE", "Berlin-Brandenburg capital region",
     "Столичный регион Берлин-Бранденбург"),
    ("de-hamburg", "DE", "Free and Hanseatic City of Hamburg", "Вольный и ганзейский город Гамбург"),
    ("de-hamburg-schleswig-holstein", "DE", "Hamburg and Schleswig-Holstein",
     "Гамбург и Шлезвиг-Гольштейн"),
    ("de-mecklenburg-vorpommern", "DE", "Mecklenburg-Vorpommern", "Мекленбург — Передняя Померания"),
    ("kr-daegu-gyeongbuk", "KR", "Daegu-Gyeongbuk", "Тэгу-Кёнбук"),
    ("us-massachusetts", "US", "Massachusetts", "Массачусетс"),
    ("us-ohio", "US", "Ohio", "Огайо"),
    ("us-california", "US", "California", "Калифорния"),
    ("nl-east-netherlands", "NL", "East Netherlands (Gelderland and Overijssel)",
     "Восточные Нидерланды (Гелдерланд и Оверэйссел)"),
    ("dk-oresund", "DK", "Øresund region (Capital Region of Denmark and Skåne, Sweden)",
     "Эресуннский регион (Столичная область Дании и Сконе, Швеция)"),
    ("fr-hauts-de-france", "FR", "Hauts-de-France", "О-де-Франс"),
    ("fr-auvergne-rhone-alpes", "FR", "Auvergne-Rhône-Alpes", "Овернь-Рона-Альпы"),
    ("fr-paris-region", "FR", "Paris Region (Île-de-France)", "Парижский регион (Иль-де-Франс)"),
    ("ch-schwyz", "CH", "Canton of Schwyz", "Кантон Швиц"),
    ("es-castilla-y-leon", "ES", "Castilla y León", "Кастилия и Леон"),
    ("hr-primorje-gorski-kotar", "HR", "Primorje-Gorski Kotar County", "Приморско-Горанска жупания"),
    ("gb-scotland", "GB", "Scotland", "Шотландия"),
    ("ru-moscow", "RU", "Moscow", "Москва"),
    ("ru-samara", "RU", "Samara Oblast", "Самарская область"),
    ("ru-kaliningrad", "RU", "Kaliningrad Oblast", "Калининградская область"),
    ("ru-voronezh", "RU", "Voronezh Oblast", "Воронежская область"),
    ("ru-udmurtia", "RU", "Udmurt Republic", "Удмуртская Республика"),
    ("ru-rostov", "RU", "Rostov Oblast", "Ростовская область"),
    ("ru-krasnoyarsk", "RU", "Krasnoyarsk Krai", "Красноярский край"),
    ("ru-murmansk", "RU", "Murmansk Oblast", "Мурманская область"),
    ("ru-penza", "RU", "Penza Oblast", "Пензенская область"),
    ("ru-angara-yenisei", "RU", "Angara-Yenisei macro-region (Krasnoyarsk Krai and Irkutsk Oblast)",
     "Ангаро-Енисейский макрорегион"),
]

# Each region's type and, where it is certain, its standard code (migration 0011): ISO 3166-2
# for a region that is exactly one first-level subdivision (a US state, a Russian federal
# subject, a German Land, a French region...). A region that joins several (Berlin-Brandenburg,
# Øresund across two countries, Angara-Yenisei) or is only part-way one (East Netherlands is
# Gelderland and Overijssel, not the NUTS 1 region NL2, which adds Flevoland) is 'custom',
# without a code. Moscow is the federal city (RU-MOW), not Moscow Oblast (RU-MOS): every
# cluster of ru-moscow is in the city (Troitsk and Zelenograd are districts of the city).
REGION_TYPES = {
    "de-berlin-brandenburg": ("custom", None),
    "de-hamburg": ("state", "DE-HH"),
    "de-hamburg-schleswig-holstein": ("custom", None),
    "de-mecklenburg-vorpommern": ("state", "DE-MV"),
    "kr-daegu-gyeongbuk": ("custom", None),
    "us-massachusetts": ("state", "US-MA"),
    "us-ohio": ("state", "US-OH"),
    "us-california": ("state", "US-CA"),
    "nl-east-netherlands": ("custom", None),
    "dk-oresund": ("custom", None),
    "fr-hauts-de-france": ("nuts1", "FR-HDF"),
    "fr-auvergne-rhone-alpes": ("nuts1", "FR-ARA"),
    "fr-paris-region": ("nuts1", "FR-IDF"),
    "ch-schwyz": ("state", "CH-SZ"),
    "es-castilla-y-leon": ("nuts2", "ES-CL"),
    "hr-primorje-gorski-kotar": ("county", "HR-08"),
    "gb-scotland": ("nuts1", "GB-SCT"),
    "ru-moscow": ("federal_subject", "RU-MOW"),
    "ru-samara": ("federal_subject", "RU-SAM"),
    "ru-kaliningrad": ("federal_subject", "RU-KGD"),
    "ru-voronezh": ("federal_subject", "RU-VOR"),
    "ru-udmurtia": ("federal_subject", "RU-UD"),
    "ru-rostov": ("federal_subject", "RU-ROS"),
    "ru-krasnoyarsk": ("federal_subject", "RU-KYA"),
    "ru-murmansk": ("federal_subject", "RU-MUR"),
    "ru-penza": ("federal_subject", "RU-PNZ"),
    "ru-angara-yenisei": ("custom", None),
}
assert set(REGION_TYPES) == {r[0] for r in REGIONS}, "every region has its type"


def region_record(key, country, en, ru):
    rec = {"key": key, "country": country, "name_en": en, "name_ru": ru}
    rtype, code = REGION_TYPES[key]
    rec["type"] = rtype
    if code:
        rec["code"] = code
    return rec


# --------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------
FACTS = {"country": [], "hse": [], "ru": []}


def loc(a, b=None):
    return f"line {a}" if b is None or b == a else f"lines {a}-{b}"


def fact(group, kind, subject, name, value, status, where, quote, note="", year=None,
         source=HSE):
    rec = {"subject_kind": kind, "subject": subject, "fact": name}
    if year is not None:
        rec["year"] = year
    rec["value"] = value
    if value != "":
        rec["status"] = status
    rec["source"] = source
    if isinstance(where, str):      # a web page's own wording or position, not line numbers
        rec["locator"] = where
    else:
        rec["locator"] = loc(*where) if isinstance(where, tuple) else loc(where)
    if quote:
        rec["quote"] = quote
    if note:
        rec["note"] = note
    FACTS[group].append(rec)


def cf(subject, name, value, status, where, quote, note="", year=None, source=HSE):
    fact("country", "country", subject, name, value, status, where, quote, note, year, source)


def hf(subject, name, value, status, where, quote, note="", year=None, source=HSE):
    fact("hse", "cluster", subject, name, value, status, where, quote, note, year, source)


def rf(subject, name, value, status, where, quote, note="", year=None, source=DIGEST):
    fact("ru", "cluster", subject, name, value, status, where, quote, note, year, source)


# ---- country facts --------------------------------------------------------------------
G1_REVENUE_Q = ("ежегодная выручка от медицинского туризма стран их базирования превышает "
                "1 млрд долл.")
G1_PATIENTS_Q = "численность иностранных пациентов — более 200 тыс. человек"
G1_PWC_Q = ("стран, входящих в топ-10 экономик мира по доле рынка медицинского туризма "
            "[PwC, 2018а]")
G1_NOTE = ("Group-level statement about the home countries of all group-1 clusters (Germany, "
           "USA, Republic of Korea; lines 3185-3195) applied to this country. ")
for c, cname in (("DE", "Germany"), ("US", "USA"), ("KR", "Republic of Korea")):
    cf(c, "medtourism_revenue_usd", ">1e9", "derived", (3254, 3264), G1_REVENUE_Q,
       G1_NOTE + "The study's revenue and patient figures are HSE expert estimates "
       "[Сёмин, Петрова, 2018] (lines 2876-2898); year = that edition. The study says "
       "'1 млрд долл.', read as US dollars.", year=2018)
    cf(c, "foreign_patients", ">200000", "derived", (3260, 3264), G1_PATIENTS_Q,
       G1_NOTE + "HSE expert estimates [Сёмин, Петрова, 2018] (lines 2876-2898); year = that "
       "edition.", year=2018)
    cf(c, "pwc_medtourism_rank", "<=10", "derived", (3185, 3195),
       "Первую группу составили десять кластеров из Германии, США и Республики Корея ... "
       + G1_PWC_Q,
       G1_NOTE + "The study describes them as the top 10 economies by share of the "
       "medical-tourism market per PwC 2018a; indicator 5 asks for PwC's top 10 "
       "medical-tourism countries (lines 2916-2922). Rank itself not stated.", year=2018)
for c in ("TH", "SG", "KR"):
    cf(c, "foreign_patients", ">1000000", "stated", (907, 915),
       "Некоторые азиатские страны (Таиланд, Сингапур, Республика Корея и др.) привлекают "
       "более миллиона иностранных пациентов в год [Kandasamy, Rassiah, 2010]",
       "Stated for this country by name in the literature review; year = edition of the cited "
       "source [Kandasamy, Rassiah, 2010]. The combined turnover 'several billion dollars' "
       "(lines 915-921) is not per country and is not recorded.", year=2010)
MX_CR_Q = ("Мексика и Коста-Рика демонстрируют сопоставимый с США объем экспорта медицинских "
           "услуг при вдвое более высокой ежегодной численности иностранных пациентов "
           "[Сёмин, Петрова, 2018]")
for c in ("MX", "CR"):
    cf(c, "foreign_patients", ">400000", "derived", (3401, 3411), MX_CR_Q,
       "Computed: twice the USA's foreign patients, which the study puts at more than "
       "200,000 (lines 3260-3264). Reads «Мексика и Коста-Рика демонстрируют ... вдвое более "
       "высокой» as holding for each country; if it meant the two together, only the "
       "combined figure would be bounded. Year = edition of [Сёмин, Петрова, 2018].",
       year=2018)
    cf(c, "medtourism_revenue_usd", "", "", (3401, 3411), MX_CR_Q,
       "Unknown: the study says exports of medical services are 'comparable' with the USA's "
       "(USA > USD 1 bn, line 3254); 'comparable' gives no bound, so no value is recorded.",
       year=2018)

# ---- country indices from public reports (see the web sources above) -------------------
# Year = the edition. A rank's note says "of N", the edition's size. Where two reports of one
# edition disagree, nothing is recorded (data/README.md, Gaps).
def bb(subject, year, rank, size, source, where, quote, note=""):
    cf(subject, "bloomberg_efficiency_rank", str(rank), "stated", where, quote,
       (f"Rank {rank} of {size} in Bloomberg's {year} edition. " + note).strip(), year=year,
       source=source)


def mti(subject, year, value, source, where, quote, note=""):
    cf(subject, "medical_tourism_index", value, "stated", where, quote,
       (f"Overall value in the {year} Medical Tourism Index. " + note).strip(), year=year,
       source=source)


ADV_LIST = "list after 'the top 10 countries and their scores are'"
for c, r, q in (("SG", 2, "2. Singapore (81.9)"), ("JP", 3, "3. Japan (74.1)"),
                ("ES", 5, "5. Spain (68.3)"), ("KR", 8, "8. South Korea (65.1)"),
                ("CH", 9, "9. Switzerland (63.1)"), ("SE", 10, "10. Sweden (62.6)")):
    bb(c, 2013, r, 48, BB13_ADVISORY, ADV_LIST, q)
bb("TR", 2013, 44, 48, BB13_ADVISORY, "paragraph beginning 'The United States earned'",
   "just behind the Dominican Republic (43rd), Turkey (44th), and Iran (45th)")
bb("US", 2013, 46, 48, BB13_ADVISORY, "subtitle",
   "United States ranked 46th in a list of 48 nations")
bb("MX", 2013, 15, 48, BB13_LATINPOST, "paragraph beginning 'Latin America: Out of 48'",
   "Out of 48 countries, Chile took the No.13 spot, Mexico No.15")
bb("CO", 2013, 42, 48, BB13_LATINPOST, "paragraph beginning 'Latin America: Out of 48'",
   "Peru No. 35, and Colombia No. 42")
COECS_Q = ("hay que bajar en el ranking hasta el puesto 10, Suecia, el 19º, Francia, el 25º, "
           "Holanda y el 30º Alemania (con un ratio de 45,5)")
for c, r in (("FR", 19), ("NL", 25), ("DE", 30)):
    bb(c, 2013, r, 48, BB13_COECS, "paragraph beginning 'Bloomberg considera'", COECS_Q)

bb("SG", 2014, 1, 51, BB14_MT, "paragraph beginning 'Singapore topped the list'",
   "Singapore topped the list with an efficiency rating of 78.6")
bb("US", 2014, 44, 51, BB14_MT, "paragraph beginning 'The U.S. finished'",
   "The U.S. finished in 44th place with a score of 34.3")
bb("RU", 2014, 51, 51, BB14_MT, "first paragraph ('Russia has for the first time')",
   "finishing last out of 51 countries polled", "Last place.")
RM14_P = "paragraph beginning 'Abandonar el ‘top 5’'"
RM14_Q = ("Si la lista está encabezada por Singapur y Hong Kong, el pódium lo completa Italia, "
          "seguida de Japón y Corea del Sur")
bb("JP", 2014, 4, 51, BB14_RM, RM14_P, RM14_Q,
   "Read from the order the page gives: Singapore, Hong Kong, Italy, then Japan.")
bb("KR", 2014, 5, 51, BB14_RM, RM14_P, RM14_Q,
   "Read from the order the page gives: Singapore, Hong Kong, Italy, Japan, then Korea.")
bb("FR", 2014, 8, 51, BB14_RM, RM14_P,
   "la vecina Francia, cuya sanidad se queda en octavo lugar")
bb("GB", 2014, 10, 51, BB14_RM, RM14_P,
   "Reino Unido y Noruega (décima y undécima posición, respectivamente)")
bb("ES", 2014, 14, 51, BB14_RM, "paragraph beginning 'La eficiencia del sistema sanitario español'",
   "España pasa de la quinta, en 2013, a la decimocuarta posición en 2014",
   "El Opio del Pueblo also gives 14th.")
bb("MX", 2014, 12, 51, BB14_OPIO, "text beginning 'España en el 14º lugar'",
   "Por encima, México y Ecuador en el 12º y 13º lugar respectivamente",
   "Redacción Médica (2014-10-24) also places Mexico above Spain (14th).")

RM16_P = "paragraph beginning 'According to the most recent Bloomberg'"
RM16_Q = ("Hong Kong has the most efficient healthcare system in the world, a position it and "
          "close runner up Singapore have held since 2009. During the same span of time, Spain "
          "and South Korea climbed up to third and fourth place respectively, with Japan "
          "dropping two places but remaining at a very respectable fifth")
bb("SG", 2016, 2, 55, BB16_RM, RM16_P, RM16_Q, "'Close runner up' to Hong Kong.")
bb("ES", 2016, 3, 55, BB16_RM, RM16_P, RM16_Q,
   "Close-Up International and espaciosanitario.com also give Spain third (72.2).")
bb("KR", 2016, 4, 55, BB16_RM, RM16_P, RM16_Q)
bb("JP", 2016, 5, 55, BB16_RM, RM16_P, RM16_Q)
bb("US", 2016, 50, 55, BB16_RM, "Bloomberg's text quoted after 'From Bloomberg:'",
   "America was 50th out of 55 countries in 2014",
   "Bloomberg's 'in 2014' is the data year of the September 2016 edition.")
bb("MX", 2016, 17, 55, BB16_CLOSEUP, "paragraph beginning 'En 7 años, México escaló'",
   "México escaló tres lugares y al avanzó a la posición 17 en el Índice de Eficiencia para el "
   "Cuidado de la Salud que publicó Bloomberg a finales de septiembre de este año")
bb("SE", 2016, 27, 55, BB16_CLOSEUP, "paragraph beginning 'Llama la atención 5 países'",
   "Suecia que quedó en el lugar 27 y bajó 13 posiciones",
   "medicalbag.com (HealthDay) also gives Sweden 27th ('from 14 in 2009 to 27 in 2014', data "
   "years).")
bb("RU", 2016, 55, 55, BB16_RAINBOW,
   "text beginning 'Россия. Москва.Rainbow. 29 сентября 2016 года'",
   "Россия заняла последнее, 55-е, место в рейтинге эффективности здравоохранения от агентства "
   "Bloomberg", "Last place; several Russian pages of September 2016 say the same.")
bb("CO", 2016, 52, 55, BB16_MEDMAR, "paragraph beginning 'В числе последних также оказались'",
   "Азербайджан и Колумбия, потерявшие за год по пять позиций и занявшие 53-е и 52-е места "
   "соотвественно")

MTI14_TOP5_Q = ("Canada topped the overall medical tourism ranking with a score of 76.87 followed "
                "by the UK 74.85, Israel 74.17, Singapore 73.96 and Costa Rica 72.78")
MTI14_P = "paragraph beginning 'Canada topped the overall medical tourism ranking'"
MTI14_BOTH = "mena-forum.com gives the same value."
mti("GB", 2014, "74.85", MTI14_DOCTORS, MTI14_P, MTI14_TOP5_Q,
    "2nd of 25. " + MTI14_BOTH)
mti("SG", 2014, "73.96", MTI14_DOCTORS, MTI14_P, MTI14_TOP5_Q,
    "4th of 25. " + MTI14_BOTH)
mti("CR", 2014, "72.78", MTI14_DOCTORS, MTI14_P, MTI14_TOP5_Q,
    "5th of 25. " + MTI14_BOTH)
mti("TH", 2014, "65.46", MTI14_DOCTORS, "paragraph beginning 'In the overall ratings, Thailand'",
    "Thailand was ranked 20th out of 25 countries reviewed with an overall score of 65.46",
    "20th of 25.")
mti("DE", 2014, "70.69", MTI14_MENA, "list 'Top 10 Medical Tourism Destinations for the year "
    "2014 are'", "7) GERMANY MTI value of 70.69 out of 100", "7th.")
mti("FR", 2014, "70.22", MTI14_MENA, "list 'Top 10 Medical Tourism Destinations for the year "
    "2014 are'", "10) FRANCE MTI value of 70.22 out of 100", "10th.")
MTI16_Q = "A 2016 medical tourism report tells us"
mti("GB", 2016, "74.87", MTI16_IHOSPITAL, "table 'Rank Country MTI Overall', row 2",
    MTI16_Q + " ... 2 United Kingdom 74.87", "2nd of 41 destinations.")
mti("SG", 2016, "73.56", MTI16_IHOSPITAL, "table 'Rank Country MTI Overall', row 4",
    MTI16_Q + " ... 4 Singapore 73.56", "4th of 41 destinations.")

BB14_CHECKED = {f["subject"] for f in FACTS["country"]
                if f["fact"] == "bloomberg_efficiency_rank" and f.get("year") == 2014}
G2_BLOOMBERG_Q = ("более двух третей кластеров расположены в государствах, имеющих высокий "
                  "рейтинг эффективности системы здравоохранения [Bloomberg, 2014]")
for c in ("NL", "DK", "SE", "FR", "CH", "JP", "ES", "EE"):
    if c in BB14_CHECKED:
        continue        # a public report of the 2014 edition gives the rank (above)
    cf(c, "bloomberg_efficiency_rank", "", "", (3270, 3284), G2_BLOOMBERG_Q,
       "Unknown: the study says only that more than two thirds of the group-2 clusters are in "
       "countries with a high Bloomberg 2014 rating. That is a share over clusters, not a "
       "statement about this country (home of a group-2 cluster), and the rank is not given. "
       + ("Estonia has fewer than 5 million people, below the index's threshold, so it is "
          "probably not ranked at all." if c == "EE" else
          "No report of the 2014 edition read for this data gives it."),
       year=2014)
cf("LT", "on_medtourism_aggregators", "true", "derived", (4876, 4880),
   "Кластер активно продвигает своих участников на сайтах медицинских туристических агрегаторов",
   "LitCare (Lithuanian clinics, SPA centres, sanatoria) promotes its members on medical-tourism "
   "aggregator sites, so Lithuanian providers are present on aggregators; the indicator "
   "(lines 2922-2932) is country-level.")

# ---- HSE clusters ----------------------------------------------------------------------
HC = "healthcapital-berlin-brandenburg"
HC_MEMBERS_Q = ("Среди участников и партнеров кластера Берлина-Бранденбурга — более 500 крупных "
                "биомедицинских и фармацевтических компаний и производителей медтехники, "
                "25 университетов, 18 научных организаций, 8 специализированных технопарков, "
                "130 больниц, включая одну из старейших и крупнейших в Европе университетских "
                "клиник — Charité")
hf(HC, "organisation_count", ">500", "estimated", (4989, 5011), HC_MEMBERS_Q,
   "No formal membership («Мы не имеем формализованного членства, участие ... бесплатное», "
   "lines 4974-4977), so 'officially confirmed participation' does not apply as such. Members "
   "and partners listed: >500 companies, 25 universities, 18 research organisations, "
   "8 technoparks, 130 hospitals (together >681); the manager speaks of «несколько тысяч» "
   "companies (line 4962). Recorded conservatively as >500, the companies alone.")
hf(HC, "member_type.clinic", "true", "stated", (4989, 5011), HC_MEMBERS_Q)
hf(HC, "member_type.manufacturer", "true", "stated", (4989, 5011), HC_MEMBERS_Q)
hf(HC, "member_type.research_education", "true", "stated", (4989, 5011), HC_MEMBERS_Q)
hf(HC, "member_type.support", "true", "stated", (4989, 5011), HC_MEMBERS_Q,
   "Technoparks are counted as supporting organisations.")
hf(HC, "member_type.authority", "true", "estimated", (5631, 5641),
   "Высшим органом управления в кластере является совет ... В его составе представители "
   "правительств Берлина и Бранденбурга",
   "The governments of Berlin and Brandenburg sit on the cluster council; read as authorities "
   "among the participants.")
hf(HC, "activity.medical_services", "true", "stated", (4584, 4587),
   "Ключевые направления реализации совместных проектов в кластере — биотехнологии "
   "и фармацевтика, медицинские технологии, уход за пациентом и реабилитация, медицинский "
   "туризм и профилактика")
hf(HC, "activity.rd_biomedicine", "true", "stated", (4622, 4623),
   "инициирование и координация совместных проектов в области ИиР")
hf(HC, "activity.manufacturing", "true", "stated", (4989, 4999),
   "более 500 крупных биомедицинских и фармацевтических компаний и производителей медтехники")
hf(HC, "activity.pharma", "true", "stated", (4584, 4587),
   "Ключевые направления реализации совместных проектов в кластере — биотехнологии "
   "и фармацевтика")
hf(HC, "activity.medtech", "true", "stated", (4989, 4999),
   "более 500 крупных биомедицинских и фармацевтических компаний и производителей медтехники")
hf(HC, "innovation_infrastructure_objects", ">60", "stated", (8029, 8039),
   "расположение в центре сосредоточения инновационной инфраструктуры Берлина и Бранденбурга, "
   "состоящей из 60 с лишним объектов",
   "The indicator counts infrastructure on the cluster's territory available to members "
   "(lines 2987-2995); accelerators, incubators and 8 technoparks are named (lines 8045-8147).")
hf(HC, "startups", ">100", "derived", (2351, 2359),
   "ЗА ПОСЛЕДНИЕ ПЯТЬ ЛЕТ В СТОЛИЧНОМ РЕГИОНЕ БЕРЛИН-БРАНДЕНБУРГ ПОЯВИЛИСЬ БОЛЕЕ 100 СТАРТАПОВ "
   "В СФЕРЕ БИОМЕДИЦИНЫ И НАУК О ЖИЗНИ",
   "Region-level count (pull quote), applied to the cluster because any organisation in these "
   "fields is part of it («автоматически может считать себя частью нашего кластера», "
   "lines 4972-4975).")
hf(HC, "authorities_in_governance", "true", "stated", (5631, 5641),
   "Высшим органом управления в кластере является совет, состоящий из 25 членов и "
   "спикера-председателя. В его составе представители правительств Берлина и Бранденбурга")
hf(HC, "goal.regional_socioeconomic", "true", "estimated", (5661, 5669),
   "Одна из задач совета — определение приоритетов деятельности кластера в соответствии "
   "с Мастер-планом развития здравоохранения в Берлине и Бранденбурге",
   "Priorities follow the regional healthcare master plan; read as a regional "
   "socio-economic goal.")
hf(HC, "goal.participants_development", "true", "estimated", (4615, 4632),
   "помощь в коммерциализации результатов исследований; поддержка участников в привлечении "
   "финансирования проектов",
   "The cluster's measures support participants' projects (also «Наша цель — содействие "
   "появлению новых проектов», line 4534); read as a participant-development goal.")
hf(HC, "english_website", "start_page", "estimated", (2394, 2395),
   "https://www.healthcapital.de/en/services/startups/",
   "Only evidence: an /en/ URL in a footnote (accessed 22.09.2018). An English section "
   "exists, so at least 'start page and structure'; whether it is a full version is unknown.")
hf(HC, "public_body_collaboration", "true", "stated", (5691, 5699),
   "его деятельность на 70% финансируется из региональных бюджетов")

LSN = "life-science-nord"
hf(LSN, "organisation_count", "260", "stated", (5784, 5790),
   "В объединение Association Life Science Nord e. V. входят 260 участников биомедицинской "
   "отрасли",
   "Members of the association; the two Länder have more than 500 companies (line 5778).")
hf(LSN, "committed_members", "260", "stated", (5784, 5790),
   "В объединение Association Life Science Nord e. V. входят 260 участников биомедицинской "
   "отрасли", "Formal members of the registered association (e. V.).")
hf(LSN, "member_type.research_education", "true", "stated", (5714, 5718),
   "В Life Science Nord компании, университеты и органы власти объединили усилия")
hf(LSN, "member_type.authority", "true", "stated", (5714, 5718),
   "В Life Science Nord компании, университеты и органы власти объединили усилия")
hf(LSN, "member_type.manufacturer", "true", "stated", (4652, 4656),
   "адаптация производителей медицинского оборудования к изменениям европейского "
   "законодательства. У компаний кластера в связи с этим возникает множество вопросов")
hf(LSN, "activity.manufacturing", "true", "stated", (4652, 4656),
   "адаптация производителей медицинского оборудования к изменениям европейского "
   "законодательства. У компаний кластера")
hf(LSN, "activity.medtech", "true", "stated", (4652, 4656),
   "адаптация производителей медицинского оборудования к изменениям европейского "
   "законодательства. У компаний кластера")
hf(LSN, "authorities_in_governance", "true", "stated", (5730, 5754),
   "Life Science Nord развивается по модели ГЧП. Общая доля федеральных земель "
   "Шлезвиг-Гольштейн и Вольного и ганзейского города Гамбург ... в уставном капитале его "
   "управляющей компании Life Science Nord Management GmbH составляет 80%")
hf(LSN, "goal.regional_socioeconomic", "true", "estimated", (5709, 5720),
   "Кластер — это инструмент политики, который позволяет системно влиять на развитие "
   "экономики и науки",
   "Manager's statement (economy and science of Hamburg and Schleswig-Holstein); read as a "
   "regional socio-economic goal.")
hf(LSN, "goal.regional_science_technology", "true", "estimated", (5709, 5720),
   "Кластер — это инструмент политики, который позволяет системно влиять на развитие "
   "экономики и науки ... для максимальной реализации потенциала биомедицины в Гамбурге "
   "и Шлезвиг-Гольштейне",
   "Manager's statement; read as a regional science-and-technology goal.")
hf(LSN, "management_fte", "15", "stated", (5756, 5766),
   "Кластерная организация ... Ее команда состоит из 15 человек",
   "Headcount of Life Science Nord Management GmbH; full-time equivalents are not stated.")
hf(LSN, "public_body_collaboration", "true", "stated", (5730, 5732),
   "Life Science Nord развивается по модели ГЧП")

GWH = "gesundheitswirtschaft-hamburg"
hf(GWH, "organisation_count", "", "", (3738, 3752),
   "Обычно подобная система управления не предусматривает формализованного членства, "
   "а получателями базовых услуг управляющей компании являются все игроки регионального "
   "сектора здравоохранения",
   "Unknown: no formal membership; no count of organisations is given.")
hf(GWH, "authorities_in_governance", "true", "derived", (3726, 3738),
   "Gesundheitswirtshaft Hamburg, как и многие другие кластеры Германии, был создан по "
   "инициативе органов власти региона, а его управляющая компания является подведомственной "
   "им организацией",
   "The managing company is subordinate to the regional authorities, so they take part in "
   "its governance.")
hf(GWH, "goal.regional_socioeconomic", "true", "stated", (3649, 3665),
   "Целью создания этого немецкого кластера первой группы стало формирование устойчивого "
   "имиджа федеральной земли как центра передового здравоохранения на международном рынке "
   "... совершенствование системы медицинского обслуживания в регионе")
hf(GWH, "public_body_collaboration", "true", "stated", (3726, 3738),
   "был создан по инициативе органов власти региона")

BCV = "biocon-valley"
hf(BCV, "authorities_in_governance", "true", "estimated", (3225, 3239),
   "кластер BioCon Valley (Германия) сформировался в результате ... усилий Правительства "
   "Мекленбурга — Передней Померании и компании BioCon Valley® GmbH",
   "Formed jointly by the Land government and BioCon Valley GmbH; the composition of the "
   "governance bodies is not stated.")
hf(BCV, "public_body_collaboration", "true", "stated", (3225, 3239),
   "сформировался в результате ... усилий Правительства Мекленбурга — Передней Померании",
   "A footnote interrupts the word «совместных» in the source, hence the ellipsis.")
hf(BCV, "english_website", "start_page", "estimated", (3231, 3231),
   "http://www.bioconvalley.org/en/ueber-uns/",
   "Only evidence: an /en/ URL in a footnote (accessed 05.10.2018); at least 'start page and "
   "structure', full version unknown.")

DG = "daegu-medical-cluster"
hf(DG, "authorities_in_governance", "true", "estimated", (3239, 3244),
   "Daegu Medical Cluster возник как итог реализации плана развития области Тэгу-Кёнбук "
   "[DGMIF, 2016]",
   "Created under the regional development plan (state initiative); governance bodies are "
   "not described.")
hf(DG, "public_body_collaboration", "true", "derived", (3239, 3244),
   "Daegu Medical Cluster возник как итог реализации плана развития области Тэгу-Кёнбук",
   "A cluster created under a regional government plan works with that government.")

MB = "massbio"
hf(MB, "goal.participants_development", "true", "estimated", (3947, 3965),
   "MassBio (первая группа) ежегодно проводит более сотни мероприятий. Их цель — помочь "
   "участникам найти партнеров для реализации совместных проектов",
   "The stated aim of its >100 events a year; read as a participant-development goal.")
hf(MB, "startups", ">=2", "estimated", (3965, 3979),
   "программа наставничества для МСП MassCONNECT, в рамках которой эксперты оказывают помощь "
   "начинающим компаниям",
   "A mentoring programme for start-up companies (plural); their number is not stated.")

MA = "medical-alley"
hf(MA, "member_type.clinic", "true", "stated", (2143, 2149),
   "Mayo Clinic в составе кластера Medical Alley (США)")
hf(MA, "member_type.research_education", "true", "derived", (2143, 2165),
   "Mayo Clinic в составе кластера Medical Alley (США) создала несколько центров обучения",
   "Mayo Clinic, a member, runs seven schools (Mayo Clinic College of Medicine etc.).")
hf(MA, "activity.medical_services", "true", "derived", (2143, 2149),
   "Mayo Clinic в составе кластера Medical Alley (США)",
   "A clinic among the members provides medical services.")

HVN = "health-valley-netherlands"
hf(HVN, "organisation_count", "270", "stated", (4387, 4392),
   "Число участников кластера выросло со 110 до 270 всего за пять лет",
   "Manager interview (undated, about 2018); 110 five years earlier.")
hf(HVN, "member_type.clinic", "true", "stated", (7826, 7828),
   "В состав Health Valley Netherlands входят больницы")
hf(HVN, "member_type.support", "true", "stated", (4411, 4421),
   "В состав кластера входят юридические и консалтинговые компании, маркетинговые службы, "
   "агентства недвижимости, организации инновационной инфраструктуры, венчурные фонды, "
   "кадровые бюро")
hf(HVN, "member_type.research_education", "true", "stated", (5478, 5490),
   "Стратегическое управление осуществляет совет, в состав которого входят представители "
   "ведущих вузов (университеты Неймегена и Твенте, университеты прикладных наук HAN и Саксион)")
hf(HVN, "member_type.authority", "true", "estimated", (5452, 5467),
   "Кластер сформировался в 2004 г. по инициативе университетов, органов местного "
   "самоуправления, региональных правительств ... Ключевые представители науки, производства "
   "и государственных институтов сформировали совет по стратегическому управлению кластером",
   "Local and regional governments founded it and state institutions sit on its council; "
   "read as authorities among the participants.")
hf(HVN, "member_type.manufacturer", "true", "estimated", (7823, 7826),
   "инновации в здравоохранении (будь то фармацевтика, медицинские приборы или способы лечения)",
   "Pharmaceuticals and medical devices are among its fields and three private companies sit "
   "on the council (lines 5504-5506); manufacturers among members are not named.")
hf(HVN, "activity.medical_services", "true", "derived", (7826, 7828),
   "В состав Health Valley Netherlands входят больницы",
   "Hospitals among the members provide medical services.")
hf(HVN, "activity.rd_biomedicine", "true", "estimated", (7823, 7826),
   "Широкий спектр деятельности нашего кластера объединяет общая тема — инновации "
   "в здравоохранении",
   "Innovation in healthcare as the common theme; read as biomedical R&D.")
hf(HVN, "activity.manufacturing", "true", "estimated", (7823, 7826),
   "инновации в здравоохранении (будь то фармацевтика, медицинские приборы или способы лечения)",
   "Pharmaceuticals and medical devices named as fields of innovation; manufacturing itself "
   "is not stated.")
hf(HVN, "innovation_infrastructure_objects", ">=2", "estimated", (4411, 4421),
   "организации инновационной инфраструктуры",
   "Innovation-infrastructure organisations (plural) are members; their number and kinds "
   "are not stated.")
hf(HVN, "startups", ">=10", "stated", (2341, 2347),
   "Для получения поддержки по программе Rockstart Digital Health Accelerator были отобраны "
   "десять стартапов — участников кластера")
hf(HVN, "authorities_in_governance", "true", "estimated", (5463, 5510),
   "Ключевые представители науки, производства и государственных институтов сформировали "
   "совет по стратегическому управлению кластером ... Стратегическое управление осуществляет "
   "совет, в состав которого входят представители ведущих вузов",
   "The interview says «государственных институтов» (state institutions) sit on the strategic "
   "council, but the council's list (lines 5478-5510) names universities (Nijmegen, Twente, HAN, "
   "Saxion), healthcare organisations (Jeroen Bosch hospital, Siza, the patients' association "
   "Ikone, the Nijmegen university medical centre), three private companies and the regional "
   "development agency Oost NL: no government body. «Государственных институтов» may mean "
   "the public universities and hospitals or Oost NL, so government bodies in the governance "
   "are an analyst's reading; the founders included local and regional governments (lines "
   "5452-5457).")
hf(HVN, "goal.participants_development", "true", "estimated", (5458, 5462),
   "Главной целью было выстроить взаимодействие между разными стейкхолдерами сектора "
   "здравоохранения",
   "The founding goal (interaction among stakeholders); read as participant development.")
hf(HVN, "management_fte", "8", "stated", (5512, 5520),
   "Функции оперативного менеджмента возложены на агентство Health Valley. Четверо из восьми "
   "сотрудников — инновационные менеджеры",
   "Headcount of the Health Valley agency; full-time equivalents are not stated.")
hf(HVN, "public_body_collaboration", "true", "stated", (6887, 6894),
   "Кластер наиболее плотно сотрудничает с двумя государственными ведомствами — "
   "Министерством здравоохранения и Министерством экономики")

MV = "medicon-valley"
MV_NET_Q = ("крупную сеть, состоящую из 11 научно-образовательных и более 30 медицинских "
            "организаций, 350 компаний")
hf(MV, "organisation_count", ">391", "derived", (3888, 3896), MV_NET_Q,
   "Sum of the stated parts: 11 research and education organisations + more than 30 medical "
   "organisations + 350 companies.")
hf(MV, "member_type.clinic", "true", "stated", (3888, 3896), MV_NET_Q,
   "Medical organisations read as clinics.")
hf(MV, "member_type.research_education", "true", "stated", (3888, 3896), MV_NET_Q)
hf(MV, "member_type.manufacturer", "true", "stated", (7941, 7947),
   "Компетенции крупнейших фармацевтических компаний — Novo Nordisk, LEO Pharma, Ferring "
   "Pharmaceuticals и Lundbeck")
hf(MV, "member_type.support", "true", "stated", (4301, 4306),
   "Medicon Valley Medtech Network — сообщество компаний и организаций инновационной "
   "инфраструктуры")
hf(MV, "member_type.authority", "", "", (6119, 6125),
   "Со стороны власти нас поддерживают только правительства шведского Сконе и Столичной "
   "области Дании",
   "Unknown: the two regional governments support the cluster; their membership is not stated.")
hf(MV, "activity.medical_services", "true", "stated", (6249, 6257),
   "широкие возможности для международной кооперации участников кластера в области клинических "
   "исследований, оказания медицинских услуг",
   "ReproUnion, a cluster project of 13 clinics and research organisations (lines 6224-6226).")
hf(MV, "activity.rd_biomedicine", "true", "stated", (8360, 8368),
   "Исследования в рамках кластера касаются проблем, связанных с обменом веществ, "
   "использования стволовых клеток и борьбы с раком")
hf(MV, "activity.manufacturing", "true", "derived", (7941, 7949),
   "крупнейших фармацевтических компаний — Novo Nordisk, LEO Pharma, Ferring Pharmaceuticals "
   "и Lundbeck",
   "Pharmaceutical companies among the cluster companies.")
hf(MV, "activity.pharma", "true", "derived", (7941, 7949),
   "крупнейших фармацевтических компаний — Novo Nordisk, LEO Pharma, Ferring Pharmaceuticals "
   "и Lundbeck",
   "Pharmaceutical companies among the cluster companies.")
hf(MV, "activity.medtech", "true", "estimated", (4301, 4312),
   "Medicon Valley Medtech Network — сообщество компаний и организаций инновационной "
   "инфраструктуры, специализирующихся на разработке медицинской техники",
   "The text says development of medical technology; manufacturing is not stated.")
hf(MV, "innovation_infrastructure_objects", ">=8", "derived", (7953, 8012),
   "объектов инновационной инфраструктуры мирового класса — MAX IV и ESS ... наличие шести "
   "крупных научных парков",
   "MAX IV and ESS (called innovation-infrastructure objects) plus six science parks (Ideon, "
   "Medicon Village, Medeon, Symbion, Scion DTU, COBIS).")
hf(MV, "startups", ">=2", "derived", (3894, 3900),
   "350 компаний, значительная часть которых — стартапы, возникшие на базе университетов",
   "'A significant part' of 350 companies are start-ups: at least two; the number is not stated.")
hf(MV, "goal.regional_socioeconomic", "true", "estimated", (6126, 6136),
   "развивать идею единого Эресуннского региона ... сегодня наша общая цель — создать сильный "
   "биомедицинский кластер",
   "CEO's statement about the Øresund region; read as a regional socio-economic goal.")
hf(MV, "public_body_collaboration", "true", "stated", (6119, 6125),
   "Со стороны власти нас поддерживают только правительства шведского Сконе и Столичной "
   "области Дании")

EU = "eurasante"
hf(EU, "organisation_count", ">1000", "estimated", (6512, 6522),
   "Сегодня на территории О-де-Франс более тысячи государственных и частных организаций ... "
   "Все они являются частью Eurasanté и получают нашу поддержку",
   "Region-level count in the interview: every life-science organisation of Hauts-de-France is "
   "said to be part of Eurasanté; no count of organisations that confirmed participation is "
   "given.")
hf(EU, "member_type.clinic", "true", "stated", (5861, 5865), "есть коллегия университетских клиник",
   "University hospitals form a college of the administrative council.")
hf(EU, "member_type.research_education", "true", "stated", (5855, 5861),
   "Collège Association Eurasanté включает представителей высших учебных заведений")
hf(EU, "member_type.support", "true", "stated", (5806, 5810),
   "Eurasanté — это одновременно и центр трансфера медицинских технологий, и бизнес-парк")
hf(EU, "member_type.manufacturer", "true", "estimated", (8282, 8290),
   "Mdoloris Medical Systems — компания по производству оборудования",
   "A manufacturer grown in the cluster's incubator; health and food companies work in the "
   "business park (lines 5891-5895). Membership of manufacturers is not stated as such.")
hf(EU, "activity.medical_services", "true", "derived", (5861, 5865),
   "есть коллегия университетских клиник",
   "University hospitals are part of the governance and of the joint work (lines 5891-5901).")
hf(EU, "activity.rd_biomedicine", "true", "stated", (5887, 5901),
   "компании сектора здравоохранения и пищевой промышленности ведут инновационные разработки "
   "совместно с университетскими клиниками")
hf(EU, "activity.manufacturing", "true", "estimated", (8282, 8290),
   "Mdoloris Medical Systems — компания по производству оборудования",
   "An incubator alumnus manufactures pain-monitoring equipment; manufacturing in the cluster "
   "is not stated otherwise.")
hf(EU, "activity.medtech", "true", "estimated", (8282, 8290),
   "Mdoloris Medical Systems — компания по производству оборудования",
   "An incubator alumnus manufactures medical monitoring equipment.")
hf(EU, "innovation_infrastructure_objects", ">=2", "derived", (5806, 5810),
   "Eurasanté — это одновременно и центр трансфера медицинских технологий, и бизнес-парк",
   "A technology-transfer centre plus the Eurasanté Bio Incubator (lines 8157-8158, "
   "8179-8197); the business park is not one of the study's object kinds.")
hf(EU, "startups", ">=2", "derived", (8179, 8187),
   "Биоинкубатор кластера Eurasanté поддерживает стартапы в области здравоохранения, которые "
   "расположены в регионе",
   "Start-ups (plural) in the cluster's incubator; in almost 20 years it created 75 companies "
   "(line 8167).")
hf(EU, "goal.regional_socioeconomic", "true", "stated", (6505, 6511),
   "Финансирование, которое мы получаем из регионального бюджета, направлено на поддержку "
   "научных исследований, а также на создание новых компаний и рабочих мест")
hf(EU, "goal.regional_science_technology", "true", "stated", (6505, 6511),
   "Финансирование, которое мы получаем из регионального бюджета, направлено на поддержку "
   "научных исследований")
hf(EU, "goal.participants_development", "true", "estimated", (6540, 6546),
   "Услуги, которые Eurasanté оказывает всем участникам региональной экосистемы на "
   "безвозмездной основе",
   "Free services to all participants (communication, promotion, access to infrastructure); "
   "read as a participant-development goal.")
hf(EU, "public_body_collaboration", "true", "stated", (6524, 6532),
   "На этапе формирования кластера Eurasanté все расходы, связанные с его деятельностью, "
   "обеспечивались за счет средств бюджета региона О-де-Франс")

NHL = "nutrition-health-longevity"
hf(NHL, "organisation_count", ">200", "stated", (5903, 5908),
   "Nutrition Health Longevity Cluster — национальный полюс конкурентоспособности, "
   "объединяющий более 200 участников")
hf(NHL, "activity.rd_biomedicine", "true", "stated", (5910, 5918),
   "специализирующийся на научных и коммерческих разработках на стыке здравоохранения, "
   "биотехнологий и пищевой промышленности")
hf(NHL, "public_body_collaboration", "true", "stated", (3345, 3358),
   "более 80% ИиР французского кластера Nutrition Health Longevity (вторая группа) получили "
   "финансирование Единого межведомственного инвестиционного фонда Франции")

HT = "health-tech-cluster-switzerland"
HT_MEMBERS_Q = ("Сегодня в Health Tech Cluster Switzerland более 250 членов и партнеров. Среди них "
                "клиники, санатории, диагностические центры и лаборатории, производители "
                "медицинской техники и фармацевтической продукции, страховые и консалтинговые "
                "фирмы, инжиниринговые и IT-компании")
hf(HT, "organisation_count", ">250", "stated", (5200, 5218), HT_MEMBERS_Q,
   "Members and partners together; 13 of them abroad (lines 5220-5228).")
hf(HT, "member_type.clinic", "true", "stated", (5200, 5218), HT_MEMBERS_Q)
hf(HT, "member_type.manufacturer", "true", "stated", (5200, 5218), HT_MEMBERS_Q)
hf(HT, "member_type.support", "true", "stated", (5200, 5218), HT_MEMBERS_Q,
   "Insurance, consulting, engineering and IT firms counted as supporting organisations.")
hf(HT, "member_type.authority", "true", "stated", (6589, 6593),
   "Все члены, включая региональные органы власти, платят взносы")
hf(HT, "activity.medical_services", "true", "derived", (5200, 5218), HT_MEMBERS_Q,
   "Clinics, sanatoria and diagnostic centres among the members.")
hf(HT, "activity.manufacturing", "true", "derived", (5200, 5218), HT_MEMBERS_Q,
   "Manufacturers of medical technology and pharmaceuticals among the members.")
hf(HT, "activity.pharma", "true", "derived", (5200, 5218), HT_MEMBERS_Q,
   "Manufacturers of pharmaceutical products among the members.")
hf(HT, "activity.medtech", "true", "derived", (5200, 5218), HT_MEMBERS_Q,
   "Manufacturers of medical technology among the members.")
hf(HT, "authorities_in_governance", "", "", (6589, 6593),
   "Health Tech Cluster Switzerland был основан четыре года назад Советом кантона Швиц. Все "
   "члены, включая региональные органы власти, платят взносы",
   "Unknown: the canton council founded it and regional authorities are fee-paying members; "
   "their place in the governance bodies is not stated.")
hf(HT, "public_body_collaboration", "true", "stated", (6606, 6613),
   "В первый год с момента образования кластера его финансирование осуществлялось "
   "из регионального бюджета")

KOBE = "kobe-biomedical-innovation-cluster"
hf(KOBE, "innovation_infrastructure_objects", ">=1", "derived", (1649, 1669),
   "Один из объектов инновационного кластера KOBE (Япония) — Центр поддержки бизнеса "
   "в биомедицинских исследованиях (Business Support Centre for Biomedical Research "
   "Activities — BMA) — предоставляет участникам возможность использовать лаборатории",
   "At least the BMA's laboratories are available to members; 'one of the objects' implies "
   "others, but their number and kinds are not stated.")

LYON = "lyonbiopole"
hf(LYON, "innovation_infrastructure_objects", ">=1", "estimated", (1679, 1689),
   "участники французского биомедицинского кластера Lyonbiopôle могут использовать его "
   "ресурсы для собственных исследований",
   "Shared research resources; the footnote URL 'facilities/our-labs-offer' (line 1646) "
   "suggests laboratories. Number not stated.")
hf(LYON, "english_website", "start_page", "estimated", (1646, 1647),
   "https://lyonbiopole.com/en/facilities/our-labs-offer",
   "Only evidence: /en/ URLs in footnotes (lines 1646, 2572); at least 'start page and "
   "structure', full version unknown.")

MED = "medicen-paris-region"
hf(MED, "goal.participants_development", "true", "estimated", (1838, 1853),
   "Medicen Paris Region пять раз в год организует мероприятия, в ходе которых его члены "
   "представляют комитету инвесторов десятиминутные презентации своих проектов",
   "Investor events for members, cited as raising investment in members' R&D "
   "(lines 1826-1836); read as a participant-development goal.")

ICARE = "i-care-cluster"
hf(ICARE, "goal.participants_development", "true", "estimated", (3756, 3770),
   "Одно из ключевых направлений деятельности этого французского кластера второй группы — "
   "содействие в поиске партнеров для реализации совместных проектов его членов в области "
   "медицины",
   "A key activity (partner search for members' projects); read as a participant-development "
   "goal.")

CH_ = "connected-health"
hf(CH_, "organisation_count", ">80", "stated", (5300, 5310),
   "Connected Health объединяет более 80 участников, среди них стартапы, IT-компании, фирмы, "
   "работающие в сфере биомедицины и фармацевтики",
   "Kept as written: a rule 'at least 100' reads it as unknown, not as below 100.")
hf(CH_, "member_type.clinic", "true", "stated", (5340, 5350),
   "Важную часть кластера составляют больницы, поликлиники, реабилитационные центры, дома "
   "престарелых и организации пациентов")
hf(CH_, "member_type.authority", "true", "stated", (7058, 7065),
   "В кластер входят государственные институты: министерства экономики и социальной защиты, "
   "Фонд медицинского страхования")
hf(CH_, "member_type.manufacturer", "true", "estimated", (5300, 5310),
   "фирмы, работающие в сфере биомедицины и фармацевтики",
   "Biomedical and pharmaceutical firms; whether they manufacture is not stated.")
hf(CH_, "member_type.support", "true", "estimated", (5318, 5328),
   "Так, научный парк Tallinn Science Park Tehnopol выполняет функции кластерной организации",
   "The science park acting as cluster organisation, read as a supporting organisation "
   "within the cluster.")
hf(CH_, "member_type.research_education", "", "", (5310, 5318),
   "Кластер активно взаимодействует с вузами (Тартуским и Таллиннским университетами, "
   "Таллиннским техническим университетом и др.)",
   "Unknown: universities are named as partners the cluster works with; their membership is "
   "not stated.")
hf(CH_, "activity.medical_services", "true", "derived", (5340, 5350),
   "Важную часть кластера составляют больницы, поликлиники, реабилитационные центры",
   "Hospitals, polyclinics and rehabilitation centres among the members.")
hf(CH_, "activity.pharma", "true", "estimated", (5300, 5310),
   "фирмы, работающие в сфере биомедицины и фармацевтики",
   "Firms working in pharmaceuticals among the members; the kind of work is not stated.")
hf(CH_, "innovation_infrastructure_objects", ">=1", "derived", (5318, 5328),
   "научный парк Tallinn Science Park Tehnopol выполняет функции кластерной организации",
   "A science park (technopark) serves the cluster; other objects are not counted.")
hf(CH_, "startups", ">=2", "derived", (5300, 5304),
   "Connected Health объединяет более 80 участников, среди них стартапы",
   "Start-ups (plural) among the members; number not stated.")
hf(CH_, "authorities_in_governance", "true", "estimated", (5968, 5978),
   "Научный парк Tallinn Science Park Tehnopol, выполняющий функции кластерной организации "
   "Connected Health, подотчетен национальному агентству делового развития Enterprise Estonia",
   "The cluster organisation reports to a state agency and ministries are members "
   "(lines 7061-7065); the composition of the governance bodies is not stated.")
hf(CH_, "goal.regional_socioeconomic", "true", "estimated", (7052, 7061),
   "Connected Health — это национальная инициатива ... Наша цель — создать особую среду "
   "для повышения качества системы здравоохранения Эстонии",
   "A national cluster: the territory is Estonia as a whole; improving the country's "
   "healthcare system read as a socio-economic goal.")
hf(CH_, "management_fte", "3", "stated", (6054, 6068),
   "Всю работу по организации мероприятий ... выполняет команда научного парка, состоящая "
   "из трех человек", "Headcount; full-time equivalents are not stated.")
hf(CH_, "public_body_collaboration", "true", "stated", (5330, 5340),
   "Главными партнерами Connected Health со стороны государства выступают Министерство "
   "экономики и коммуникаций и Министерство социальной защиты")

LC = "litcare"
LC_ONLY_Q = ("Наиболее яркий пример — LitCare (Литва). Он объединяет только частные клиники, "
             "СПА-центры, санатории и гостиницы")
hf(LC, "organisation_count", "", "", (3147, 3148), "РАЗМЕР Более 100 организаций Менее 100 организаций",
   "Unknown: no count is given for LitCare. Table 2.1 characterises group 3 as 'fewer than 100 "
   "organisations', a typical group trait that is not applied to single clusters.")
hf(LC, "member_type.clinic", "true", "stated", (4050, 4056), LC_ONLY_Q)
hf(LC, "member_type.support", "true", "estimated", (5115, 5129),
   "ведущие частные организации здравоохранения Литвы — стоматологические кабинеты, клиники, "
   "СПА-центры, санатории, а также отели и туристические компании объединились в кластер",
   "Hotels and tourist companies (and a patient-administration company, lines 5155-5161) "
   "counted as supporting organisations.")
hf(LC, "member_type.manufacturer", "false", "derived", (4050, 4056), LC_ONLY_Q,
   "'Only private clinics, SPA centres, sanatoria and hotels': no manufacturers.")
hf(LC, "member_type.research_education", "false", "derived", (4036, 4056),
   "Вузы редко входят в число участников таких кластеров, выступая в основном в качестве "
   "внешних партнеров ... LitCare (Литва). Он объединяет только частные клиники",
   "'Only private clinics, SPA centres, sanatoria and hotels'; universities are usually "
   "external partners in this target model.")
hf(LC, "member_type.authority", "false", "derived", (4050, 4056), LC_ONLY_Q,
   "'Only private ...': no government bodies among the members.")
hf(LC, "activity.medical_services", "true", "stated", (4056, 4066),
   "Конкурентным преимуществом кластера является широкий спектр высокотехнологичных "
   "медицинских услуг")
hf(LC, "activity.manufacturing", "false", "derived", (4050, 4056), LC_ONLY_Q,
   "No manufacturers among the members.")
hf(LC, "authorities_in_governance", "false", "estimated", (4050, 4056), LC_ONLY_Q,
   "Private-only membership and governance by its board and general meetings "
   "(lines 4900-4904); group 3 has governance bodies 'mostly independent of the state' "
   "(lines 3177-3178). Not stated outright.")
hf(LC, "goal.participants_development", "true", "estimated", (5131, 5141),
   "Цель объединения — оказание полного спектра высококачественных услуг и формирование "
   "лучших предложений для пациентов",
   "The joint service offer of the members; read as a participant-development goal.")

KV = "kvarner-health-tourism-cluster"
KV_Q = ("объединяет ключевых игроков из области медицины и индустрии гостеприимства с "
        "привлечением Университета Риеки, региональной администрации и Министерства "
        "здравоохранения Хорватии")
hf(KV, "member_type.clinic", "true", "stated", (3801, 3813), KV_Q,
   "Key players from medicine read as clinics.")
hf(KV, "member_type.support", "true", "estimated", (3801, 3813), KV_Q,
   "Hospitality companies counted as supporting organisations.")
hf(KV, "member_type.research_education", "true", "estimated", (3801, 3813), KV_Q,
   "The university is 'involved' («с привлечением»); formal membership is not stated.")
hf(KV, "member_type.authority", "true", "estimated", (3801, 3813), KV_Q,
   "The regional administration and the ministry are 'involved' («с привлечением»); formal "
   "membership is not stated.")
hf(KV, "activity.medical_services", "true", "derived", (3813, 3821),
   "для повышения качества лечения и продвижения побережья Кварнера как здравницы мирового "
   "класса", "Treatment by the medical members (health-tourism cluster).")
hf(KV, "authorities_in_governance", "", "", (3801, 3813), KV_Q,
   "Unknown: public bodies are involved, but the governance bodies are not described.")
hf(KV, "goal.regional_socioeconomic", "true", "stated", (3813, 3821),
   "для повышения качества лечения и продвижения побережья Кварнера как здравницы мирового "
   "класса")
hf(KV, "public_body_collaboration", "true", "stated", (3801, 3813), KV_Q)

MHC = "medellin-health-city"
hf(MHC, "member_type.clinic", "true", "stated", (3438, 3442),
   "Благодаря развитию инфраструктуры клиник и сервисных центров для туристов из-за рубежа")
hf(MHC, "activity.medical_services", "true", "stated", (3450, 3460),
   "кластеру Medellin Health City (Колумбия) удалось в первые три года своего существования "
   "увеличить выручку от оказания медицинских услуг на 75%")
hf(MHC, "english_website", "start_page", "estimated", (3431, 3432),
   "http://www.medellinhealthcity.com/en/About-us",
   "Only evidence: an /en/ URL in a footnote (accessed 10.05.2018); at least 'start page and "
   "structure', full version unknown.")

MTY = "monterrey-healthcare-city-cluster"
hf(MTY, "member_type.clinic", "true", "stated", (3417, 3422),
   "В медицинских организациях кластера Monterrey Healthcare City Cluster (Мексика)")
hf(MTY, "activity.medical_services", "true", "stated", (3417, 3426),
   "В медицинских организациях кластера Monterrey Healthcare City Cluster (Мексика) специально "
   "для иностранных клиентов были разработаны программы реабилитации")

TH_ = "thailand-medical-tourism-cluster"
TH_FIG = "Рис. 1.1. Состав участников и партнеров Таиландского кластера медицинского туризма"
hf(TH_, "member_type.clinic", "true", "stated", (1148, 1224), TH_FIG + " ... Стационары ... Поликлиники",
   "Fig. 1.1 lists participants and partners together (after [Harryono et al., 2006]).")
hf(TH_, "member_type.research_education", "true", "stated", (1148, 1181),
   TH_FIG + " ... Университеты и медицинские школы",
   "Fig. 1.1 lists participants and partners together.")
hf(TH_, "member_type.support", "true", "stated", (1148, 1215),
   TH_FIG + " ... Страховые компании ... Банки", "Fig. 1.1 lists participants and partners together.")
hf(TH_, "member_type.authority", "true", "estimated", (1148, 1158),
   TH_FIG + " ... Министерство туризма и спорта ... Министерство здравоохранения",
   "Ministries appear in Fig. 1.1, which does not separate participants from partners.")
hf(TH_, "activity.medical_services", "true", "stated", (1148, 1224),
   TH_FIG + " ... Центры тайской медицины ... Стационары")

EB = "eurobiomed"
hf(EB, "activity.rd_biomedicine", "true", "stated", (1801, 1819),
   "французский медицинский кластер Eurobiomed в рамках национальной программы поддержки "
   "полюсов конкурентоспособности Les Pôles de Compétitivité получил финансирование в размере "
   "423 млн евро на 121 проект в области совместных ИиР науки и бизнеса")
hf(EB, "public_body_collaboration", "true", "stated", (1801, 1819),
   "в рамках национальной программы поддержки полюсов конкурентоспособности Les Pôles de "
   "Compétitivité получил финансирование")

BD = "biodundee"
hf(BD, "activity.rd_biomedicine", "true", "stated", (2455, 2466),
   "Цель инициативы Translational Medicine Research Collaboration шотландского кластера "
   "BioDundee — сократить путь новых лекарств, методов диагностики и лечения от лабораторий "
   "до клиники")

BTV = "biotechvalley"
hf(BTV, "innovation_infrastructure_objects", ">=1", "estimated", (2514, 2520),
   "Кластер выступает в роли агента и консультанта, предоставляя своим участникам упрощенный "
   "доступ к лабораториям",
   "Simplified access to laboratories (plural) for members; who owns them and how many there "
   "are is not stated.")

SGC = "singapore-biomedical-clusters"
hf(SGC, "innovation_infrastructure_objects", ">=2", "derived", (1512, 1559),
   "Национальный университетский госпиталь Сингапура совместно с технопарком Biopolis ... "
   "В сингапурских кластерах также были созданы инкубаторы ... BioEnterprise Asia",
   "The Biopolis technopark plus incubators (plural), among them BioEnterprise Asia.")

IST = "istanbul-health-industry-cluster"
hf(IST, "member_type.research_education", "true", "stated", (8462, 8468),
   "Сегодня в составе кластера 19 вузовских научных подразделений")
hf(IST, "member_type.support", "true", "stated", (7325, 7331),
   "мы получали поддержку от ключевых участников: Технопарка Стамбула, Босфорского "
   "Университета, университетов Сабанджи и Аджибадем, Промышленной палаты Стамбула",
   "The technopark and the chamber of industry counted as supporting organisations.")
hf(IST, "activity.rd_biomedicine", "true", "estimated", (8432, 8440),
   "Istanbul Health Industry Cluster выступает в роли связующего звена между наукой "
   "и образованием — с одной строны, и производством — с другой",
   "Link between university research and industry; read as biomedical R&D.")
hf(IST, "innovation_infrastructure_objects", ">=2", "derived", (7276, 7286),
   "агентство также профинансировало создание Инкубационного центра для развития новых "
   "высокотехнологичных биомедицинских компаний",
   "The incubation centre plus Istanbul Technopark, the managing company (lines 8484-8488); "
   "shared laboratories are also mentioned (lines 8512-8518).")
hf(IST, "startups", ">=2", "derived", (8484, 8510),
   "Функции управляющей компании кластера выполняет Технопарк Стамбула ... помогают стартапам "
   "получить финансирование",
   "The managing company helps start-ups (plural) to obtain funding; number not stated.")
hf(IST, "authorities_in_governance", "false", "estimated", (8470, 8482),
   "Стратегическое управление кластером осуществляет совет директоров, в составе которого "
   "представители Босфорского Университета, Университета Сабанджи, частного медицинского "
   "Университета Аджибадем",
   "The board is listed as three universities only, although the cluster was founded and is "
   "funded by the Ministry of Industry and Technology (lines 7321-7325).")
hf(IST, "public_body_collaboration", "true", "stated", (7321, 7325),
   "Кластер был основан и финансируется национальным Министерством промышленности "
   "и технологий")

# ---- formation initiative, competitive advantage, focus (rows of Table 2.1, 3119-3165) -------
# Recorded only where the study speaks of the cluster itself; the group columns of Table 2.1
# stay in reference-groups.json (README rule 3). Several initiators may be true at once.
G1_INIT_Q = ("70% кластеров первой группы были созданы либо по инициативе органов власти, либо "
             "путем реализации механизмов ГЧП. Так, кластер BioCon Valley (Германия) "
             "сформировался в результате ... усилий Правительства Мекленбурга — Передней "
             "Померании и компании BioCon Valley GmbH")
hf(BCV, "initiative.authorities", "true", "derived", (3217, 3239), G1_INIT_Q,
   "Given as the example of clusters created on the initiative of authorities or through PPP "
   "(«совместных усилий»; a footnote splits the word in the extraction): the Land government's "
   "joint effort in forming the cluster is read as its initiative. The "
   "other party, BioCon Valley GmbH, is the cluster's own management company, so no business "
   "initiative is recorded.")
hf(DG, "initiative.authorities", "true", "derived", (3239, 3244),
   "Daegu Medical Cluster возник как итог реализации плана развития области Тэгу-Кёнбук",
   "A development plan of the Daegu-Gyeongbuk region is the regional authorities' plan; the "
   "cluster is the second example of group-1 clusters created on the initiative of "
   "authorities or through PPP (lines 3217-3225).")
hf(GWH, "initiative.authorities", "true", "stated", (3726, 3732),
   "Gesundheitswirtshaft Hamburg, как и многие другие кластеры Германии, был создан по "
   "инициативе органов власти региона")
hf(MV, "initiative.research_education", "true", "stated", (3304, 3312),
   "Medicon Valley был создан по инициативе университетов Лунда (Швеция) и Копенгагена (Дания)",
   "The manager says the same: «Университеты были нашими отцами-основателями» (lines "
   "8414-8416).")
hf(EU, "initiative.research_education", "true", "stated", (3914, 3918),
   "Французский кластер Eurasanté был создан в 1994 г. по инициативе Университета Лилля")
HVN_INIT_Q = ("Кластер сформировался в 2004 г. по инициативе университетов, органов местного "
              "самоуправления, региональных правительств и ряда крупных компаний")
hf(HVN, "initiative.authorities", "true", "stated", (5452, 5458), HVN_INIT_Q)
hf(HVN, "initiative.business", "true", "stated", (5452, 5458), HVN_INIT_Q)
hf(HVN, "initiative.research_education", "true", "stated", (5452, 5458), HVN_INIT_Q)
hf(LC, "initiative.business", "true", "derived", (5115, 5131),
   "В 2013 г. ведущие частные организации здравоохранения Литвы — стоматологические кабинеты, "
   "клиники, СПА-центры, санатории, а также отели и туристические компании объединились в "
   "кластер медицинского туризма LitCare",
   "The private organisations formed the cluster themselves and no other initiator is named: "
   "read as a business initiative.")
hf(HC, "initiative.authorities", "true", "derived", (5544, 5551),
   "HealthCapital Berlin-Brandenburg сформировался в результате реализации политического "
   "решения, которое было поддержано крупными игроками сектора здравоохранения",
   "A political decision is one of government bodies (the Länder Berlin and Brandenburg "
   "govern the cluster, lines 5631-5641). The large healthcare players supported it; support "
   "is not recorded as a business initiative.")
hf(HT, "initiative.authorities", "true", "stated", (6589, 6591),
   "Health Tech Cluster Switzerland был основан четыре года назад Советом кантона Швиц")
hf(IST, "initiative.authorities", "true", "stated", (7321, 7325),
   "Кластер был основан и финансируется национальным Министерством промышленности и "
   "технологий",
   "Its forerunner, the Inovita platform, was funded by the Istanbul Development Agency "
   "(lines 7252-7276).")
hf(LC, "advantage.low_cost", "true", "stated", (4050, 4066),
   "Конкурентным преимуществом кластера является широкий спектр высокотехнологичных "
   "медицинских услуг по более низким ценам, чем в странах Западной Европы и США")
hf(LC, "focus.medical_tourism_services", "true", "stated", (5131, 5149),
   "Цель объединения — оказание полного спектра высококачественных услуг и формирование "
   "лучших предложений для пациентов. Медицинскому туристу предоставляется множество основных "
   "и сопутствующих сервисов")
hf(MTY, "focus.medical_tourism_services", "true", "stated", (3413, 3436),
   "Отдельное внимание уделяется созданию полного цикла сервисов для пациентов. В медицинских "
   "организациях кластера Monterrey Healthcare City Cluster (Мексика) специально для "
   "иностранных клиентов были разработаны программы реабилитации",
   "The cluster is the study's example of the full cycle of services for patients.")
hf(MHC, "focus.medical_tourism_services", "true", "estimated", (3438, 3460),
   "Благодаря развитию инфраструктуры клиник и сервисных центров для туристов из-за рубежа ... "
   "кластеру Medellin Health City (Колумбия) удалось",
   "Service centres for foreign tourists beside the clinics, read as services for medical "
   "tourists; a full cycle is not stated.")
MODEL2_Q = ("деятельность кластеров, действующих по второй модели, сфокусирована на внедрении "
            "результатов ИиР в клиническую практику")
MODEL2_NOTE = ("Said of all clusters working by target model 2 (lines 3834-3858); the cluster "
               "is named as an example of that model in the same section, and Table 2.2 lists "
               "it under model 2.")
hf(HVN, "focus.rd_to_practice", "true", "derived", (3846, 3880),
   MODEL2_Q + " ... голландский Health Valley Netherlands был создан в 2004 г.", MODEL2_NOTE)
hf(MV, "focus.rd_to_practice", "true", "derived", (3846, 3900),
   MODEL2_Q + " ... Датско-шведский Medicon Valley", MODEL2_NOTE)
hf(EU, "focus.rd_to_practice", "true", "derived", (3846, 3918),
   MODEL2_Q + " ... Французский кластер Eurasanté был создан в 1994 г.", MODEL2_NOTE)
hf(BD, "focus.rd_to_practice", "true", "estimated", (2455, 2466),
   "Цель инициативы Translational Medicine Research Collaboration шотландского кластера "
   "BioDundee — сократить путь новых лекарств, методов диагностики и лечения от лабораторий "
   "до клиники",
   "The goal of one initiative of the cluster, read as the cluster's focus.")
hf(CH_, "focus.cross_industry", "true", "estimated", (7103, 7109),
   "Компании кластера, работающие на стыке ИКТ и медицины, создают программные продукты для "
   "Национальной системы",
   "Its companies work where ICT and medicine meet and its first joint projects were "
   "'innovative solutions at the junction of ICT and healthcare' (lines 5996-6004): read as "
   "the focus 'cross-industry interaction: medicine and ICT'.")
hf(HC, "focus.cross_industry", "true", "estimated", (4961, 4968),
   "Вместе они работают над развитием теле- и регенеративной медицины, цифрового "
   "здравоохранения, внедрением ИКТ в клиническую практику",
   "The manager's list of joint work (telemedicine, digital health, ICT in clinical practice) "
   "read as the focus 'cross-industry interaction: medicine and ICT'.")

# ---- Russian clusters ----------------------------------------------------------------------
MMK = "international-medical-cluster"
rf(MMK, "authorities_in_governance", "true", "stated", (641, 651),
   "участие региональной власти в стратегическом управлении кластером и финансировании его "
   "проектов", source=HSE)
rf(MMK, "member_type.clinic", "true", "stated", (585, 585),
   "запуск израильского медицинского центра «Хадасса», который уже работает в медкластере",
   year=2019)
rf(MMK, "activity.medical_services", "true", "stated", (585, 587),
   "запуск израильского медицинского центра «Хадасса», который уже работает в медкластере ... "
   "организовал консультации у ведущих специалистов материнской клиники", year=2019)
MMK_PLAN_Q = ("В состав ММК войдут клиники, специализирующиеся на лечении наиболее "
              "распространенных социально значимых заболеваний, технопарк, организации "
              "исследовательской инфраструктуры, международный университет, производители "
              "фармацевтических препаратов и медтехники")
for f_, what in (("member_type.manufacturer", "pharmaceutical and medtech manufacturers"),
                 ("member_type.research_education", "an international university and "
                  "research-infrastructure organisations"),
                 ("member_type.support", "a technopark")):
    rf(MMK, f_, "", "", (113, 129), MMK_PLAN_Q,
       f"Unknown: the study names {what} among the planned members («войдут»); in December "
       "2019 the digest reports them at the design or negotiation stage (001 lines 593-595).",
       source=HSE)
rf(MMK, "public_body_collaboration", "true", "stated", (613, 613),
   "обучающие семинары для медицинских управленцев по медицинскому туризму, которые мы делаем "
   "совместно с Минздравом РФ", year=2019)

rf("samara-medical", "activity.medical_services", "true", "stated", (212, 212),
   "Сегодня мы можем предложить медицинские услуги по следующим профилям: травматология, "
   "ортопедия, офтальмология, онкология, а также по программам, связанным с ЭКО", year=2019)
rf("samara-medical", "public_body_collaboration", "true", "stated", (218, 218),
   "подписан трехсторонний меморандум о сотрудничестве между министерством здравоохранения "
   "Самарской области, Самарским государственным медицинским университетом и Национальным "
   "Советом по медицинскому туризму", year=2019)
rf("samara-medpharm", "activity.rd_biomedicine", "true", "estimated", (204, 206),
   "Самарскому медицинскому университету удалось выстроить цепочку от разработки прорывных "
   "исследований к производству и внедрению передовых продуктов и технологий",
   "The governor cites the university's research-to-production chain as the groundwork of the "
   "planned cluster.", year=2019)

AMB = "kaliningrad-amber"
rf(AMB, "organisation_count", "30", "stated", (240, 240),
   "Участники кластера — 30 промышленных предприятий и индивидуальных предпринимателей",
   "The amber industry as a whole has 132 companies (line 234).", year=2019)
rf(AMB, "committed_members", "30", "stated", (240, 246),
   "Участники кластера — 30 промышленных предприятий и индивидуальных предпринимателей ... "
   "К нам (в кластер. — Прим. ред.) попасть не так легко. Необходимо соответствовать",
   "Formal participants of a cluster in the Minpromtorg registry, admitted against "
   "requirements.", year=2019)
rf(AMB, "public_body_collaboration", "true", "stated", (236, 236),
   "правительство Калининградской области и ассоциация «Кластер янтарной промышленности "
   "Калининградской области» приступили к созданию янтарного промышленного кластера", year=2019)

MIC = "moscow-innovation-cluster"
MIC_Q = ("На данный момент участниками Московского инновационного кластера стали более 600 "
         "организаций. Среди них фонд «Сколково», научно-исследовательский центр «Курчатовский "
         "институт», корпорация РОСНАНО, столичные технопарки «Строгино» и «Слава»")
rf(MIC, "organisation_count", ">600", "stated", (424, 424), MIC_Q,
   "Organisations registered on the i.moscow platform; more than 20,000 are expected at the "
   "initial stage (line 399).", year=2019)
rf(MIC, "member_type.research_education", "true", "stated", (424, 426),
   "научные и исследовательские центры вузов – Московского государственного университета "
   "имени М.В. Ломоносова", year=2019)
rf(MIC, "member_type.support", "true", "stated", (424, 424), MIC_Q,
   "Technoparks and development institutions counted as supporting organisations.", year=2019)
rf(MIC, "innovation_infrastructure_objects", ">=2", "derived", (424, 424), MIC_Q,
   "Two technoparks (Strogino, Slava) among the participants.", year=2019)
rf(MIC, "public_body_collaboration", "true", "stated", (390, 390),
   "Сергей Собянин утвердил порядок оказания финансовой поддержки участникам «Московского "
   "инновационного кластера» (МИК)", year=2019)

rf("voronezh-composite", "organisation_count", "2", "stated", (436, 436),
   "Эта площадка объединит сразу две компании. Речь идет об ООО «ИК Масловский», который "
   "является торговой маркой «Ламплекс композит», и ООО «Аэрокосмические композитные "
   "технологии»", "The cluster being created; composition at the start.", year=2019)
rf("dolina-mendeleeva", "innovation_infrastructure_objects", ">=1", "stated", (486, 488),
   "Ранее в рамках проекта «Долина Менделеева» был открыт Менделеевский инжиниринговый центр",
   "An engineering centre (one of the study's object kinds) in the project.", year=2019)
rf("dolina-dona", "organisation_count", "28", "stated", (500, 500),
   "Винодельческий кластер «Долина Дона» в Ростовской области в настоящее время объединяет "
   "28 участников", year=2019)
rf("dolina-dona", "organisation_count", "7", "stated", (506, 506),
   "в сентябре 2015 года, когда было инициировано создание единственного в России "
   "территориального кластера «Долина Дона», к нему присоединились семь участников", year=2015)
rf("krasnoyarsk-organic", "organisation_count", "15", "stated", (514, 514),
   "в это объединение вошли пятнадцать местных производителей, которые работают с натуральным "
   "сырьем", year=2019)
rf("krasnoyarsk-organic", "public_body_collaboration", "true", "stated", (518, 520),
   "им обещана компенсация части расходов на получение сертификата ... Курировать работу "
   "кластера будет красноярское агентство развития бизнеса", year=2019)
rf("belomorye", "organisation_count", "48", "stated", (537, 537),
   "На сегодняшний день зарегистрировано 48 участников туристско-рекреационного кластера "
   "«Беломорье» из них 16 субъекты малого и среднего предпринимательства Терского района",
   year=2019)
rf("belomorye", "committed_members", "48", "stated", (537, 537),
   "На сегодняшний день зарегистрировано 48 участников туристско-рекреационного кластера "
   "«Беломорье»", "Registered participants.", year=2019)
rf("belomorye", "public_body_collaboration", "true", "stated", (533, 533),
   "В 2015 году был подписан Меморандум о создании туристско-рекреационного кластера "
   "«Беломорье», сторонами которого выступили Правительство Мурманской области и администрации "
   "Терского и Кандалакшского районов")

MMT = "moscow-medtech"
MMT_SCOPE_Q = ("The Moscow Medical Technologies Cluster will comprise key organisations and "
               "companies active in medical biotechnology, production of medical equipment, "
               "and provision of high-technology medical services")
MMT_GROUP_Q = ("The cluster's spearhead group comprises the Pirogov Russian National Research "
               "Medical University, Faculty of Fundamental Medicine of the Lomonosov Moscow State "
               "University")
rf(MMT, "organisation_count", ">=9", "derived", (24, 24),
   MMT_GROUP_Q + " ... and innovative companies Eurogen, Inc., Imagerysoft, Inc., and "
   "Neurobiolab, Inc.",
   "The spearhead group has nine organisations; the cluster has at least these.", source=NEWS)
rf(MMT, "member_type.research_education", "true", "stated", (24, 24), MMT_GROUP_Q, source=NEWS)
rf(MMT, "member_type.clinic", "true", "stated", (24, 24),
   "the Dmitry Rogachev Federal Scientific and Clinical Centre of Paediatric Haematology, "
   "Oncology and Immunology", "A federal clinical centre in the spearhead group.", source=NEWS)
for f_ in ("activity.medical_services", "activity.manufacturing", "activity.medtech"):
    rf(MMT, f_, "true", "stated", (22, 22), MMT_SCOPE_Q,
       "Stated as the planned scope of a cluster being established («will comprise»).",
       source=NEWS)
rf(MMT, "activity.rd_biomedicine", "true", "derived", (24, 24),
   "the M.M. Shemyakin — Y.A. Ovchinnikov Institute of Bioorganic Chemistry of the Russian "
   "Academy of Sciences, the Institute of Higher Nervous Activity and Neurophysiology of the RAS",
   "Biomedical research institutes of the Academy of Sciences in the spearhead group.",
   source=NEWS)

PB = "penza-biomed"
PB_Q = ("группу предприятий биомедицинского сектора – производителей медицинских изделий, "
        "специализированных производственных и сервисных услуг, научно-исследовательских и "
        "образовательных организаций биомедицинской направленности, институтов развития")
rf(PB, "organisation_count", "28", "stated", (130, 132),
   "По состоянию на май 2018 год в кластере насчитывалось 28 участников", year=2018, source=PENZA)
rf(PB, "member_type.manufacturer", "true", "stated", (116, 124), PB_Q, source=PENZA)
rf(PB, "member_type.research_education", "true", "stated", (116, 124), PB_Q, source=PENZA)
rf(PB, "member_type.support", "true", "stated", (116, 124), PB_Q,
   "Development institutions and service providers counted as supporting organisations.",
   source=PENZA)
rf(PB, "activity.manufacturing", "true", "stated", (124, 130),
   "Специализация кластера — разработка и производство импортозамещающих высокотехнологичных "
   "медицинских изделий", source=PENZA)
rf(PB, "activity.medtech", "true", "stated", (124, 130),
   "Специализация кластера — разработка и производство импортозамещающих высокотехнологичных "
   "медицинских изделий для сердечно-сосудистой и рентгенэндоваскулярной хирургии, а также для "
   "эндопротезирования", source=PENZA)
rf(PB, "activity.rd_biomedicine", "true", "stated", (204, 212),
   "были инициированы исследования и разработки, в которых участвовали 11 компаний кластера",
   source=PENZA)

# --------------------------------------------------------------------------------------
# Clusters
# --------------------------------------------------------------------------------------
CITY_NOTE = "Coordinates are those of the main city ({}), approximate."
REGION_CITY_NOTE = ("Coordinates are those of {} ({}), approximate: the source names no city.")


def cluster(key, name_en, country, **kw):
    rec = {"key": key, "name_en": name_en}
    if kw.get("name_ru"):
        rec["name_ru"] = kw["name_ru"]
    rec["country"] = country
    for col in ("region", "city", "lat", "lon", "founded", "website", "cluster_organisation",
                "kind", "specialisation", "stage", "source", "note"):
        if kw.get(col) not in (None, ""):
            rec[col] = kw[col]
    return rec


HSE_CLUSTERS = [
    cluster(HC, "HealthCapital Berlin-Brandenburg", "DE", region="de-berlin-brandenburg",
            city="Berlin", lat=52.52, lon=13.405, website="https://www.healthcapital.de/",
            cluster_organisation="Berlin Partner für Wirtschaft und Technologie and "
                                 "Wirtschaftsförderung Brandenburg (joint management)",
            kind="biomedical",
            specialisation="biotechnology and pharmaceuticals; medical technology; patient care "
                           "and rehabilitation; medical tourism and prevention; digital health",
            source=HSE,
            note="Group 1 (Table 2.2 column; target models 1 and 3). No formal membership, free "
                 "participation (lines 4974-4977). One of five InnoBB cluster initiatives "
                 "(lines 5612-5625). 70% funded from regional budgets (line 5697). Website: root "
                 "of the footnoted URL (line 2394). " + CITY_NOTE.format("Berlin")),
    cluster(LSN, "Life Science Nord", "DE", region="de-hamburg-schleswig-holstein",
            city="Hamburg", lat=53.551, lon=9.994,
            cluster_organisation="Life Science Nord Management GmbH",
            kind="biomedical", specialisation="life sciences, medical technology, biomedicine",
            source=HSE,
            note="Group 1 (Table 2.2 column; target models 1 and 3). PPP: the Länder "
                 "Schleswig-Holstein and Hamburg hold 80% of the management company, the "
                 "association Life Science Nord e. V. 20% (lines 5730-5754). "
                 + CITY_NOTE.format("Hamburg")),
    cluster(GWH, "Gesundheitswirtschaft Hamburg", "DE", region="de-hamburg", city="Hamburg",
            lat=53.551, lon=9.994, website="https://www.gwhh.de/", kind="biomedical",
            specialisation="regional healthcare economy: medical services, continuity of care",
            source=HSE,
            note="Group 1 (stated, line 3651; target model 1). Spelled 'Gesundheitswirtshaft' in "
                 "the study. Created by the regional authorities; its managing company is "
                 "subordinate to them; no formal membership (lines 3726-3752). Website: root of "
                 "the footnoted URL (line 3776). " + CITY_NOTE.format("Hamburg")),
    cluster(BCV, "BioCon Valley", "DE", region="de-mecklenburg-vorpommern", lat=53.635,
            lon=11.401, website="http://www.bioconvalley.org/", kind="biomedical",
            source=HSE,
            note="Group 1 (stated, lines 3225-3239; target model 1). Formed jointly by the "
                 "Government of Mecklenburg-Vorpommern and BioCon Valley® GmbH. Website: root "
                 "of the footnoted URL (line 3231). "
                 + REGION_CITY_NOTE.format("the regional capital", "Schwerin")),
    cluster(DG, "Daegu Medical Cluster", "KR", region="kr-daegu-gyeongbuk", city="Daegu",
            lat=35.871, lon=128.601, kind="biomedical", source=HSE,
            note="Group 1 (stated, lines 3239-3244). Created under the Daegu-Gyeongbuk regional "
                 "development plan [DGMIF, 2016]. " + CITY_NOTE.format("Daegu")),
    cluster(MB, "MassBio (Massachusetts Biotechnology Council)", "US",
            region="us-massachusetts", lat=42.360, lon=-71.058,
            website="https://www.massbio.org/", kind="biomedical",
            specialisation="life sciences network",
            source=HSE,
            note="Group 1 (stated, lines 3360, 3951; target model 3). Written 'Massbio' in "
                 "Table 2.2. Region from the footnoted name (line 3981). Participant of CARB-X "
                 "(lines 3360-3373). Website: root of the footnoted URL (line 3981). "
                 + REGION_CITY_NOTE.format("the state capital", "Boston")),
    cluster(MA, "Medical Alley", "US", kind="biomedical", source=HSE,
            note="Group 1 (Table 2.2 column; target model 3): reconstructed from the column "
                 "order, consistent with all group-1 countries being Germany, USA, Korea. Mayo "
                 "Clinic is a member (lines 2143-2149). Location not stated: no coordinates."),
    cluster("bioohio", "BioOhio", "US", region="us-ohio", lat=39.961,
            lon=-82.999, website="https://www.bioohio.com/", kind="biomedical", source=HSE,
            note="Group 1 (Table 2.2 column; target model 3), reconstructed. Region from the "
                 "name. Retraining at CfPIE with a 10% discount for member companies "
                 "(lines 2013-2037). Website: root of the footnoted URL (line 2003). "
                 + REGION_CITY_NOTE.format("the state capital", "Columbus")),
    cluster(HVN, "Health Valley Netherlands", "NL", region="nl-east-netherlands",
            city="Nijmegen", lat=51.842, lon=5.853, founded=2004,
            website="https://www.healthvalley.nl/",
            cluster_organisation="Health Valley agency (агентство Health Valley); Health Valley "
                                 "Netherlands Foundation",
            kind="biomedical",
            specialisation="innovation in healthcare: pharmaceuticals, medical devices, "
                           "treatment methods; e-health",
            source=HSE,
            note="Group 2 (G2 prose lines 3318-3333; target model 2). Founded 2004 in the "
                 "Nijmegen region (lines 3868-3880, 5452-5453). Largest life-sciences and health "
                 "innovation cluster of the Netherlands (lines 5472-5478). Website: root of the "
                 "footnoted URL (line 2294). " + CITY_NOTE.format("Nijmegen")),
    cluster(MV, "Medicon Valley", "DK", region="dk-oresund", city="Copenhagen", lat=55.676,
            lon=12.568, cluster_organisation="Medicon Valley Alliance (originally Medicon "
                                             "Valley Academy)",
            kind="biomedical",
            specialisation="life sciences: metabolism, stem cells, cancer; pharmaceuticals; "
                           "medical technology",
            source=HSE,
            note="Danish-Swedish cluster of the Øresund region (Denmark and Sweden): recorded "
                 "under DK because the registry allows one country; its Swedish part (Lund, "
                 "Malmö, Skåne) is equally part of it. Group 2 (G2 prose lines 3304-3312; target "
                 "model 2). Founded on the initiative of the universities of Lund and Copenhagen. "
                 + CITY_NOTE.format("Copenhagen")),
    cluster(EU, "Eurasanté", "FR", region="fr-hauts-de-france", city="Lille", lat=50.629,
            lon=3.057, founded=1994, cluster_organisation="GIE Eurasanté",
            kind="biomedical",
            specialisation="life sciences and health: technology transfer, business park, "
                           "bio-incubator; health and food industry",
            source=HSE,
            note="Group 2 (G2 prose lines 3312-3318; target model 2). Founded 1994 on the "
                 "initiative of the University of Lille (lines 3914-3918). A GIE that also runs "
                 "the Nutrition Health Longevity Cluster and Clubster Santé (lines 5887-5930). "
                 + CITY_NOTE.format("Lille")),
    cluster(NHL, "Nutrition Health Longevity Cluster", "FR", region="fr-hauts-de-france",
            lat=50.629, lon=3.057, website="https://www.nhl-cluster.com/",
            cluster_organisation="GIE Eurasanté", kind="biomedical",
            specialisation="research and commercial development at the junction of healthcare, "
                           "biotechnology and the food industry",
            source=HSE,
            note="Group 2 (stated, lines 3349-3350). National competitiveness pole; its manager "
                 "is the director general of Eurasanté (lines 5879-5885). Website: root of the "
                 "footnoted URL (line 3322). "
                 + REGION_CITY_NOTE.format("Lille, seat of Eurasanté", "Lille")),
    cluster(HT, "Health Tech Cluster Switzerland", "CH", region="ch-schwyz", lat=47.021,
            lon=8.654, kind="biomedical",
            specialisation="whole healthcare value chain: clinics, diagnostics, medical "
                           "technology, pharmaceuticals, insurance, consulting, IT",
            source=HSE,
            note="Group 2 (Table 2.2 column; target model 3), reconstructed. Founded 'four years "
                 "ago' by the Council of the canton of Schwyz (line 6589); the interview year is "
                 "not stated, so no founding year is recorded. Now a national cluster "
                 "(lines 6617-6623). " + REGION_CITY_NOTE.format("the cantonal capital", "Schwyz")),
    cluster(KOBE, "KOBE Biomedical Innovation Cluster", "JP", city="Kobe", lat=34.690,
            lon=135.196, kind="biomedical", source=HSE,
            note="Group 2 (Table 2.2 column; target model 1), reconstructed; consistent with "
                 "the groups' countries (group 1: Germany, USA, Korea; group 3: Europe and Latin "
                 "America), which leave only group 2 for Japan. " + CITY_NOTE.format("Kobe")),
    cluster(LYON, "Lyonbiopôle", "FR", region="fr-auvergne-rhone-alpes", city="Lyon",
            lat=45.764, lon=4.836, website="https://lyonbiopole.com/", kind="biomedical",
            source=HSE,
            note="Group 2 (Table 2.2 column; target model 3), reconstructed. Also "
                 "'Lyonbiopôle Auvergne-Rhône-Alpes' (line 1646). Clinical Innovation Programme "
                 "since 2013 (lines 2533-2583). Website: root of the footnoted URL "
                 "(line 1646). " + CITY_NOTE.format("Lyon")),
    cluster(MED, "Medicen Paris Region", "FR", region="fr-paris-region", city="Paris",
            lat=48.857, lon=2.352, website="http://www.medicen.org/", kind="biomedical",
            source=HSE,
            note="Group 2 (Table 2.2 column; target model 3), reconstructed. Website: root of "
                 "the footnoted URL (line 1840). " + CITY_NOTE.format("Paris")),
    cluster("task-force-health-care", "Task Force Health Care", "NL",
            website="https://www.tfhc.nl/", kind="biomedical", source=HSE,
            note="Group 2 (stated, line 3989; target model 3). Six communication platforms "
                 "(TFHC Asia, Europe, Africa, Latin America, Middle East, North America; "
                 "lines 3997-4005). Website: root of the footnoted URL (line 3984). Location not "
                 "stated: no coordinates."),
    cluster(ICARE, "i-Care Cluster", "FR", region="fr-auvergne-rhone-alpes", lat=45.764,
            lon=4.836, website="http://i-carecluster.org/", kind="biomedical", source=HSE,
            note="Group 2 (stated, lines 3760-3762; target model 1). Website: root of the "
                 "footnoted URL (line 3779). "
                 + REGION_CITY_NOTE.format("the regional capital", "Lyon")),
    cluster("biotecyl", "BIOTECYL — Health Cluster of Castilla y León", "ES",
            region="es-castilla-y-leon", lat=41.652, lon=-4.724, kind="biomedical", source=HSE,
            note="Named only in Table 2.2 (line 3544): group 2, target model 1, reconstructed. "
                 + REGION_CITY_NOTE.format("the regional seat of government", "Valladolid")),
    cluster(CH_, "Connected Health", "EE", city="Tallinn", lat=59.437, lon=24.754,
            cluster_organisation="Tallinn Science Park Tehnopol", kind="biomedical",
            specialisation="digital health: ICT and medicine, e-health",
            source=HSE,
            note="Group 2 (Table 2.2 column; target model 1), reconstructed. A national "
                 "initiative with members across Estonia (lines 7052-7057); the cluster "
                 "organisation Tehnopol is in Tallinn and reports to Enterprise Estonia "
                 "(lines 5968-5978). " + CITY_NOTE.format("Tallinn, seat of the cluster "
                                                            "organisation")),
    cluster(LC, "Lithuanian Medical Tourism Cluster (LitCare)", "LT", founded=2013,
            website="https://www.litcare.com/", kind="biomedical",
            specialisation="medical tourism: private clinics, dental offices, SPA centres, "
                           "sanatoria, hotels, tourist companies",
            source=HSE,
            note="Group 3 (Table 2.2 model-4 column; model 4 'fully corresponds' to group 3, "
                 "lines 4044-4052). Founded 2013 by leading private healthcare organisations "
                 "(lines 5115-5131). 'One window' service chain; patients from Russia and Europe. "
                 "Website: root of the footnoted URL (line 4068). Location not stated: no "
                 "coordinates."),
    cluster(KV, "Kvarner Health Tourism Cluster", "HR", region="hr-primorje-gorski-kotar",
            lat=45.327, lon=14.442, website="http://www.kvarnerhealth.com/", kind="biomedical",
            specialisation="health tourism: medicine and hospitality",
            source=HSE,
            note="Group 3 (stated, lines 3799-3801; target models 1 and 4). Website: root of the "
                 "footnoted URL (line 3782). "
                 + REGION_CITY_NOTE.format("the county seat (University of Rijeka is "
                                           "involved)", "Rijeka")),
    cluster(MHC, "Medellin Health City", "CO", city="Medellín", lat=6.244, lon=-75.581,
            website="http://www.medellinhealthcity.com/", kind="biomedical",
            specialisation="medical tourism; personalised medicine", source=HSE,
            note="Group 3 (G3 prose lines 3438-3460; target model 1). Revenue from medical "
                 "services +75% and foreign tourists +66% in its first three years. Website: root "
                 "of the footnoted URL (line 3431). " + CITY_NOTE.format("Medellín")),
    cluster(MTY, "Monterrey Healthcare City Cluster", "MX", city="Monterrey", lat=25.686,
            lon=-100.316, kind="biomedical", specialisation="medical tourism; rehabilitation",
            source=HSE,
            note="Group 3 (G3 prose lines 3413-3436; target model 1). " + CITY_NOTE.format("Monterrey")),
    cluster(TH_, "Thailand Medical Tourism Cluster",
            "TH", name_ru="Таиландский кластер медицинского туризма", kind="biomedical",
            specialisation="medical tourism", source=HSE,
            note="Literature example [Harryono et al., 2006] in chapter 1 (lines 928-937, Fig. 1.1 "
                 "lines 1148-1237); group not stated; membership of the 40-cluster sample unknown. "
                 "Location not stated: no coordinates."),
    cluster("clubster-sante", "Clubster Santé", "FR", region="fr-hauts-de-france", lat=50.629,
            lon=3.057, cluster_organisation="GIE Eurasanté", kind="biomedical", source=HSE,
            note="Regional cluster run by Eurasanté, working closely with hospitals "
                 "(lines 5920-5930); group not stated. "
                 + REGION_CITY_NOTE.format("Lille, seat of Eurasanté", "Lille")),
    cluster("biocom", "BIOCOM", "US", region="us-california", city="San Diego", lat=32.716,
            lon=-117.161, kind="biomedical", source=HSE,
            note="US cluster named in chapter 1 (lines 2039-2116); group not stated (if it is in "
                 "the sample it would be group 1, as all group-1 countries are Germany, USA, "
                 "Korea). City implied by its partners (University of San Diego, Miramar "
                 "College, San Diego Workforce Partnership) and 'бизнес-средой Калифорнии' "
                 "(line 2106). " + CITY_NOTE.format("San Diego")),
    cluster("boston-biotech-cluster", "Boston biotechnology cluster", "US",
            name_ru="биотехнологический кластер в Бостоне", region="us-massachusetts",
            city="Boston", lat=42.360, lon=-71.058, kind="biomedical",
            specialisation="biotechnology", source=HSE,
            note="Unnamed literature example [Owen-Smith, Powell, 2004] (lines 1468-1494); "
                 "group not stated. " + CITY_NOTE.format("Boston")),
    cluster(SGC, "Singapore biomedical clusters", "SG",
            name_ru="медицинские кластеры в Сингапуре", city="Singapore", lat=1.352,
            lon=103.820, kind="biomedical", source=HSE,
            note="Literature example (lines 1496-1559): researcher-housing programmes of the "
                 "National University Hospital with the Biopolis technopark (2002-2005), "
                 "incubators such as BioEnterprise Asia. Several clusters in one record; group "
                 "not stated. " + CITY_NOTE.format("Singapore")),
    cluster("china-shenzhen-beijing-shanghai-clusters", "Clusters of Shenzhen, Beijing and "
            "Shanghai", "CN", name_ru="кластеры Шэньчжэня, Пекина и Шанхая",
            kind="biomedical", specialisation="biotechnology", source=HSE,
            note="Literature example [Prevezer, 2008] (lines 1561-1613): companies founded by "
                 "returning scientists. Three clusters in one record, so no single city or "
                 "coordinates; group not stated."),
    cluster(EB, "Eurobiomed", "FR", kind="biomedical", source=HSE,
            note="French competitiveness pole: EUR 423 m for 121 joint R&D projects in 2008-2011 "
                 "(lines 1801-1819). Group not stated. Location not stated: no coordinates."),
    cluster(BD, "BioDundee", "GB", region="gb-scotland", city="Dundee", lat=56.462,
            lon=-2.971, kind="biomedical", source=HSE,
            note="Scottish cluster; Translational Medicine Research Collaboration funded by "
                 "Wyeth (lines 2455-2482). Group not stated. " + CITY_NOTE.format("Dundee")),
    cluster(BTV, "Biotechvalley", "SE", kind="biomedical", source=HSE,
            note="Swedish cluster; Value Chain Coaching programme for SMEs (lines 2504-2524). "
                 "Group not stated. Location not stated: no coordinates."),
    cluster(IST, "Istanbul Health Industry Cluster", "TR", city="Istanbul", lat=41.008,
            lon=28.978, cluster_organisation="Istanbul Technopark (Технопарк Стамбула)",
            kind="biomedical", specialisation="health industry; university life-sciences "
                                              "research and its transfer to production",
            source=HSE,
            note="Not in Table 2.2; group not stated. Grew from the Inovita platform at "
                 "Boğaziçi University, founded and funded by the Ministry of Industry and "
                 "Technology; budget support 2017-2022 expected EUR 2.5 m (lines 7252-7345). "
                 + CITY_NOTE.format("Istanbul")),
]

RU_CLUSTERS = [
    cluster(MMK, "International Medical Cluster",
            "RU", name_ru="Международный медицинский кластер (ММК)", region="ru-moscow",
            city="Moscow", lat=55.698, lon=37.359, founded=2015,
            website="https://mimc.global/",
            cluster_organisation="Фонд Международного медицинского кластера",
            kind="biomedical",
            specialisation="clinics from OECD countries under a special legal regime (Federal "
                           "Law No. 160); high-tech medical services, medical education, R&D",
            stage="emerging", source=HSE,
            note="Comparison object of the HSE study, not in its 40-cluster sample (preface "
                 "lines 95-177, 601-667; the final chapter is missing from the text). Being "
                 "created («создается», line 99) on the territory of the Skolkovo innovation "
                 "centre, hence stage 'emerging'. Founded: the year its fund was created "
                 "(digest line 581). First participant: Hadassah (digest lines 585-591); "
                 "Ogrea, Bundang, Strasbourg University, Biocity and AFK Sistema at design or "
                 "negotiation stage (lines 593-595). Website: the fund's site on the study's "
                 "back cover (line 8542). Coordinates are those of Skolkovo, Moscow, approximate."),
    cluster("angara-yenisei", "Angara-Yenisei cluster", "RU",
            name_ru="Ангаро-Енисейский кластер", region="ru-angara-yenisei", kind="other",
            specialisation="large investment projects of the macro-region (not stated in "
                           "detail)",
            source=DIGEST,
            note="Named in the Krasnoyarsk Economic Forum item (digest lines 158-174): a special "
                 "Presidential decree on the cluster is expected; Yenisei Siberia and the "
                 "Angara-Yenisei macro-region together have more than 120 investment projects. "
                 "Type not stated. A macro-region: no single city or coordinates."),
    cluster("samara-medical", "Samara medical cluster", "RU",
            name_ru="самарский медицинский кластер", region="ru-samara", city="Samara",
            lat=53.195, lon=50.100, kind="biomedical",
            specialisation="medical services and medical tourism (traumatology, orthopaedics, "
                           "ophthalmology, oncology, IVF); export of medical services",
            source=DIGEST,
            note="The governor orders its promotion to external markets (digest line 202). "
                 "Samara Oblast is one of 72 regions in the federal project on the export of "
                 "medical services and in HSE's top 10 (line 190). " + CITY_NOTE.format("Samara")),
    cluster("samara-medpharm", "Samara cluster of medical and pharmaceutical technologies", "RU",
            name_ru="кластер медицинских и фармацевтических технологий", region="ru-samara",
            city="Samara", lat=53.195, lon=50.100, kind="biomedical",
            specialisation="medical and pharmaceutical technologies: from research to production "
                           "and commercialisation",
            stage="emerging", source=DIGEST,
            note="Named by the governor as a future growth point («должен стать точкой роста», "
                 "groundwork exists; digest lines 204-206), hence stage 'emerging'. "
                 + CITY_NOTE.format("Samara")),
    cluster(AMB, "Amber industrial cluster of Kaliningrad Oblast", "RU",
            name_ru="Янтарный промышленный кластер (Кластер янтарной промышленности "
                    "Калининградской области)",
            region="ru-kaliningrad", city="Kaliningrad", lat=54.710, lon=20.452,
            cluster_organisation="Ассоциация «Кластер янтарной промышленности Калининградской "
                                 "области»",
            kind="industrial",
            specialisation="amber: extraction, processing, jewellery, design and creative "
                           "industry",
            source=DIGEST,
            note="Created under Presidential instruction No. ПР-1316 of 13.07.2016; entered the "
                 "Minpromtorg register of industrial clusters on 26 March 2019 as the first "
                 "official industrial cluster of the region (digest line 236). Sites: the "
                 "combine's industrial site, Kovrovo, Kaliningrad, the Pravaya Naberezhnaya "
                 "(lines 276, 320-326). Founding year not stated. "
                 + CITY_NOTE.format("Kaliningrad, the regional capital")),
    cluster(MIC, "Moscow Innovation Cluster", "RU",
            name_ru="Московский инновационный кластер (МИК)", region="ru-moscow", city="Moscow",
            lat=55.756, lon=37.617, founded=2019,
            cluster_organisation="Фонд «Инновационный кластер Москвы»", kind="other",
            specialisation="cross-sector innovation ecosystem (corporations, industry, SMEs, "
                           "science, universities, development institutions)",
            source=DIGEST,
            note="A Moscow government project launched in April 2019 (digest line 397) with the "
                 "digital platform i.moscow; not one of the 25 pilot innovative territorial "
                 "clusters, so kind 'other'. Registered organisations get access to more than 190 "
                 "support measures (line 413). " + CITY_NOTE.format("Moscow")),
    cluster("voronezh-composite", "Voronezh composite materials cluster", "RU",
            name_ru="кластер композитных материалов (Воронежская область)", region="ru-voronezh",
            city="Voronezh", lat=51.661, lon=39.200, kind="other",
            specialisation="composite materials: hull elements of the reusable spacecraft «Арго», "
                           "structures for small aviation; foil dielectrics, laminates, prepregs",
            stage="emerging", source=DIGEST,
            note="Being created («появится», digest lines 430-446; commissioning in Q1 2020), "
                 "hence stage 'emerging'. Type not stated, so kind 'other'. Investment to 2023 "
                 "estimated at more than RUB 5 bn (line 446). " + CITY_NOTE.format("Voronezh")),
    cluster("udmurtia-flax", "Udmurt regional cooperative flax clusters (proposal)", "RU",
            name_ru="региональные кооперативные кластеры (льноводство)", region="ru-udmurtia",
            kind="other", specialisation="flax growing and processing (cottonised flax fibre)",
            source=DIGEST,
            note="A proposal: the head of Udmurtia asked the President to consider creating "
                 "regional cooperative flax clusters, with the republic as pilot region (digest "
                 "lines 464-466). The Sharkan flax mill (line 468) is named, but not as a member. "
                 "No coordinates for a proposal."),
    cluster("dolina-mendeleeva", "Mendeleev Valley innovation science and technology centre", "RU",
            name_ru="ИНТЦ «Долина Менделеева»", founded=2019,
            cluster_organisation="РХТУ им. Д.И. Менделеева (initiator)", kind="other",
            specialisation="low-tonnage and special chemistry, ultra-pure substances; "
                           "agrochemistry and biotechnology; medical and pharmaceutical chemistry",
            source=DIGEST,
            note="An innovation science and technology centre (ИНТЦ) created by Government "
                 "resolution No. 1805 of 24.12.2019, to comprise a science-and-technology "
                 "cluster, a supporting-infrastructure cluster and a production cluster (digest "
                 "lines 478-494); recorded as one entry. Initial investment estimate RUB 300 bn. "
                 "Location not stated: no coordinates."),
    cluster("dolina-dona", "Don Valley wine cluster", "RU",
            name_ru="Винодельческий кластер «Долина Дона»", region="ru-rostov", lat=47.222,
            lon=39.720, founded=2015, kind="other",
            specialisation="wine-making, wine-related hospitality and food retail",
            source=DIGEST,
            note="Initiated in September 2015 with seven participants; 28 in 2019 (digest "
                 "lines 500-506). Called a territorial cluster; not an innovative territorial "
                 "cluster of the federal list, so kind 'other'. "
                 + REGION_CITY_NOTE.format("the regional capital", "Rostov-on-Don")),
    cluster("krasnoyarsk-organic", "Krasnoyarsk organic cluster", "RU",
            name_ru="Органический кластер Красноярского края", region="ru-krasnoyarsk",
            lat=56.010, lon=92.852, founded=2019,
            cluster_organisation="Красноярское агентство развития бизнеса (curator)",
            kind="other", specialisation="organic food products",
            source=DIGEST,
            note="Reported as newly created in the December 2019 digest («создан», «появился», "
                 "lines 512-514), hence founded 2019; common brand «Siberia organic» (line 522). "
                 + REGION_CITY_NOTE.format("the regional capital", "Krasnoyarsk")),
    cluster("belomorye", "Belomorye tourist and recreational cluster", "RU",
            name_ru="Туристско-рекреационный кластер «Беломорье»", region="ru-murmansk",
            lat=67.157, lon=32.413, founded=2015, kind="tourist",
            specialisation="active nature tourism (sea trips in Kandalaksha Bay), rural, event "
                           "and fishing tourism",
            source=DIGEST,
            note="Memorandum on its creation signed in 2015 by the Government of Murmansk Oblast "
                 "and the Tersky and Kandalaksha district administrations (digest line 533). "
                 "Covers the Kandalaksha and Tersky districts. "
                 + REGION_CITY_NOTE.format("Kandalaksha, the larger of the two district "
                                           "centres", "Kandalaksha")),
    cluster(MMT, "Moscow Medical Technologies Cluster", "RU", region="ru-moscow", city="Moscow",
            lat=55.756, lon=37.617,
            cluster_organisation="Pirogov Russian National Research Medical University "
                                 "(initiator and coordinator)",
            kind="biomedical",
            specialisation="medical biotechnology, production of medical equipment, "
                           "high-technology medical services",
            stage="emerging", source=NEWS,
            note="Being established («is being established», HSE news lines 14-16), hence "
                 "stage 'emerging'. Also called 'Innovative Medical Technologies Cluster' "
                 "(title). The source is in English and gives no Russian name. "
                 + CITY_NOTE.format("Moscow")),
    cluster("troitsk", "Troitsk New Materials, Laser and Radiation Technologies Cluster", "RU",
            region="ru-moscow", city="Troitsk", lat=55.485, lon=37.305,
            kind="innovative_territorial",
            specialisation="new materials, laser and radiation technologies", source=NEWS,
            note="One of the 25 pilot innovative territorial clusters of the Ministry of Economic "
                 "Development's programme launched in 2012 (HSE news lines 30-32). The source is "
                 "in English and gives no Russian name. " + CITY_NOTE.format("Troitsk, Moscow")),
    cluster("zelenograd", "Zelenograd Electronic Industry Cluster", "RU", region="ru-moscow",
            city="Zelenograd", lat=55.991, lon=37.214, kind="innovative_territorial",
            specialisation="electronics industry", source=NEWS,
            note="One of the 25 pilot innovative territorial clusters (HSE news line 32). The "
                 "source is in English and gives no Russian name. "
                 + CITY_NOTE.format("Zelenograd, Moscow")),
    cluster("moscow-composite", "Moscow Composite Cluster", "RU", region="ru-moscow",
            city="Moscow", lat=55.756, lon=37.617, kind="other",
            specialisation="composite materials", source=NEWS,
            note="'Created this year' in an undated page (HSE news line 32), so no founding year. "
                 "Type not stated. The source is in English and gives no Russian name. "
                 + CITY_NOTE.format("Moscow")),
    cluster("moscow-biotech", "Moscow biotechnology cluster", "RU", region="ru-moscow",
            city="Moscow", lat=55.756, lon=37.617, kind="other",
            specialisation="biotechnology", stage="emerging", source=NEWS,
            note="Unnamed: 'biotechnology cluster is currently being set up' (HSE news line 32), "
                 "hence stage 'emerging'; kind 'other' because biotechnology is not necessarily "
                 "biomedical. The source is in English. " + CITY_NOTE.format("Moscow")),
    cluster(PB, "BioMed industrial cluster of Penza Oblast", "RU",
            name_ru="Промышленный кластер Пензенской области «БиоМед»", region="ru-penza",
            city="Penza", lat=53.195, lon=45.018, kind="industrial",
            specialisation="import-substituting high-tech medical devices for cardiovascular and "
                           "X-ray endovascular surgery and endoprosthetics",
            source=PENZA,
            note="Called an industrial cluster (article lines 112-114); a vertically integrated "
                 "cluster (lines 136-146) with a biomedical specialisation. 2015 cluster project "
                 "of 11 companies on 5 technological stages, new products in production within "
                 "3 years (lines 162-218); imports hold 60-80% of most of its segments "
                 "(lines 154-156). " + CITY_NOTE.format("Penza")),
]

# --------------------------------------------------------------------------------------
# Organisations and memberships
# --------------------------------------------------------------------------------------
ORGS = {"hse": [], "ru": []}
MEMBERS = {"hse": [], "ru": []}


def org(group, key, name, type_, country, note, clusters, source=HSE, website=None):
    """clusters: [(cluster key, role)] or [(cluster key, role, extra membership columns)]."""
    rec = {"key": key, "name": name, "type": type_}
    if country:
        rec["country"] = country
    if website:
        rec["website"] = website
    rec["source"] = source
    rec["note"] = note
    ORGS[group].append(rec)
    for c in clusters:
        m = {"cluster": c[0], "organisation": key, "role": c[1]}
        if len(c) > 2:
            m.update(c[2])
        m["source"] = c[2].get("source", source) if len(c) > 2 else source
        MEMBERS[group].append(m)


def ho(key, name, type_, country, note, clusters, **kw):
    org("hse", key, name, type_, country, note, clusters, **kw)


def ro(key, name, type_, country, note, clusters, source=DIGEST, **kw):
    org("ru", key, name, type_, country, note, clusters, source=source, **kw)


# HealthCapital Berlin-Brandenburg
ho("charite", "Charité (university clinic, Berlin)", "clinic", "DE",
   "In the cluster («В его составе», lines 1350-1372) and among its members and partners "
   "(lines 4989-5011); partner of Sanofi since 2010 (lines 5043-5068), STEMO, Labor Berlin.",
   [(HC, "member")])
ho("vivantes", "Vivantes (hospital group, ten clinics)", "clinic", "DE",
   "In the cluster (lines 1356-1364); Labor Berlin with Charité, 2011 (lines 5098-5102).",
   [(HC, "member")])
ho("evb-klinikum", "EvB Klinikum (health park, 29 specialised centres)", "clinic", "DE",
   "In the cluster (lines 1350-1354).", [(HC, "member")])
ho("carl-theim-klinikum", "Carl-Theim Klinikum", "clinic", "DE",
   "In the cluster (lines 1364-1366); spelling as in the source.", [(HC, "member")])
ho("sanofi-aventis-deutschland", "Sanofi Aventis Deutschland GmbH", "manufacturer", "DE",
   "Cluster company resident in BiotechPark Berlin-Buch (lines 8141-8147); Charité–Sanofi joint "
   "stroke-drug laboratory (lines 5043-5068).", [(HC, "member")])
ho("bayer", "Bayer AG", "manufacturer", "DE",
   "Cluster participant resident in Berlinbiotechpark and BiotechPark Berlin-Buch (20% "
   "shareholder) (lines 8113-8117, 8141-8145); Bayer Grants4Apps Accelerator (line 8047).",
   [(HC, "member")])
ho("carl-zeiss-meditec", "Carl Zeiss Meditec AG", "manufacturer", "DE",
   "Cluster participant resident in Berlinbiotechpark (lines 8113-8117).", [(HC, "member")])
ho("b-braun-melsungen", "B. Braun Melsungen AG", "manufacturer", "DE",
   "Cluster company resident in BiotechPark Berlin-Buch (lines 8141-8143); B. Braun Accelerator "
   "(line 8055).", [(HC, "member")])
ho("glycotope", "Glycotope GmbH", "manufacturer", "DE",
   "Cluster company resident in BiotechPark Berlin-Buch (lines 8141-8146).", [(HC, "member")])
ho("eckert-ziegler", "Eckert & Ziegler AG", "manufacturer", "DE",
   "Cluster participant resident in Berlin Adlershof (lines 8089-8093).", [(HC, "member")])
ho("meytec", "MEYTEC", "other", "DE",
   "Cluster company from Brandenburg; STEMO stroke ambulance with Charité (lines 5070-5084). "
   "Kind of company not stated.", [(HC, "member")])
ho("thermo-fisher-scientific", "Thermo Fisher Scientific", "manufacturer", "DE",
   "Cluster company from Brandenburg; STEMO stroke ambulance (lines 5070-5084).",
   [(HC, "member")])
ho("berlin-partner", "Berlin Partner für Wirtschaft und Technologie", "support", "DE",
   "Provides one of the two managers who run the cluster at parity (lines 5582-5610).",
   [(HC, "partner")])
ho("wirtschaftsfoerderung-brandenburg", "Wirtschaftsförderung Brandenburg", "support", "DE",
   "Provides one of the two managers who run the cluster at parity (lines 5582-5610).",
   [(HC, "partner")])
ho("berlin-adlershof", "Berlin Adlershof (science and technology park)", "support", "DE",
   "One of the eight technoparks whose services cluster participants use (lines 8059-8093).",
   [(HC, "partner")])
ho("berlinbiotechpark", "Berlinbiotechpark", "support", "DE",
   "Technopark used by cluster participants (lines 8101-8117).", [(HC, "partner")])
ho("biotechpark-berlin-buch", "BiotechPark Berlin-Buch", "support", "DE",
   "Technopark used by cluster participants (lines 8119-8147).", [(HC, "partner")])
ho("berlin-government", "Government of Berlin (Land)", "authority", "DE",
   "Represented on the cluster council (lines 5631-5641).", [(HC, "partner")])
ho("brandenburg-government", "Government of Brandenburg (Land)", "authority", "DE",
   "Represented on the cluster council (lines 5631-5641).", [(HC, "partner")])
# Life Science Nord, Gesundheitswirtschaft Hamburg, BioCon Valley
ho("lsn-management", "Life Science Nord Management GmbH", "support", "DE",
   "Cluster organisation, team of 15 (lines 5740-5766).", [(LSN, "partner")])
ho("association-life-science-nord", "Association Life Science Nord e. V.", "support", "DE",
   "Voluntary association of participants with 260 members; holds 20% of the management "
   "company (lines 5748-5754, 5784-5794).", [(LSN, "partner")])
ho("schleswig-holstein-government", "Land Schleswig-Holstein", "authority", "DE",
   "Together with Hamburg holds 80% of Life Science Nord Management GmbH (lines 5730-5748).",
   [(LSN, "partner")])
ho("hamburg-government", "Free and Hanseatic City of Hamburg (Land government)", "authority",
   "DE", "Together with Schleswig-Holstein holds 80% of Life Science Nord Management GmbH "
   "(lines 5730-5748); the regional authorities created Gesundheitswirtschaft Hamburg and its "
   "managing company is subordinate to them (lines 3726-3738).",
   [(LSN, "partner"), (GWH, "partner")])
ho("university-of-luebeck", "University of Lübeck", "education", "DE",
   "Named among the universities of the region served by the cluster organisation "
   "(lines 5776-5782); membership not stated.", [(LSN, "partner")])
ho("university-of-hamburg", "University of Hamburg", "education", "DE",
   "Named among the universities of the region served by the cluster organisation "
   "(lines 5776-5782); membership not stated.", [(LSN, "partner")])
ho("biocon-valley-gmbh", "BioCon Valley® GmbH", "support", "DE",
   "Formed the cluster jointly with the Land government (lines 3225-3239).",
   [(BCV, "partner")])
ho("mecklenburg-vorpommern-government", "Government of Mecklenburg-Vorpommern", "authority",
   "DE", "Formed the cluster jointly with BioCon Valley® GmbH (lines 3225-3239).",
   [(BCV, "partner")])
# US clusters
ho("mayo-clinic", "Mayo Clinic", "clinic", "US",
   "In the Medical Alley cluster; runs seven schools (lines 2143-2165).", [(MA, "member")])
ho("cfpie", "Center for Professional Innovation and Education (CfPIE)", "education", "US",
   "BioOhio's retraining programmes are run at CfPIE (lines 2013-2037).",
   [("bioohio", "partner")])
ho("university-of-san-diego", "University of San Diego", "education", "US",
   "Runs education programmes together with BIOCOM (lines 2039-2084).", [("biocom", "partner")])
ho("miramar-college", "Miramar College", "education", "US",
   "Runs education programmes together with BIOCOM (lines 2039-2084).", [("biocom", "partner")])
ho("san-diego-workforce-partnership", "San Diego Workforce Partnership", "support", "US",
   "Non-profit acting as a job exchange; runs programmes with BIOCOM (lines 2046-2056).",
   [("biocom", "partner")])
# Health Valley Netherlands
for k, n, t, note in (
        ("university-of-nijmegen", "University of Nijmegen", "education", ""),
        ("university-of-twente", "University of Twente", "education", ""),
        ("han-university-of-applied-sciences", "HAN University of Applied Sciences", "education", ""),
        ("saxion-university-of-applied-sciences", "Saxion University of Applied Sciences",
         "education", ""),
        ("jeroen-bosch-hospital", "Jeroen Bosch Hospital", "clinic", ""),
        ("siza", "Siza (care for people with disabilities)", "clinic",
         " Disability-care organisation, typed as a care provider."),
        ("ikone", "Ikone (patients' association)", "other", ""),
        ("nijmegen-university-medical-centre", "Nijmegen university medical centre", "clinic", ""),
        ("oost-nl", "Oost NL (East Netherlands Development Agency)", "support",
         " Also launched the Health Valley initiative (lines 6446-6470).")):
    ho(k, n, t, "NL", "On the council that governs Health Valley Netherlands (lines 5478-5510)."
       + note, [(HVN, "member")])
ho("gelderland-province", "Province of Gelderland (government)", "authority", "NL",
   "With the University of Nijmegen and leading companies completed the formation of the "
   "cluster (lines 6472-6488); the regional government is 'our main partner' (lines 6413-6415).",
   [(HVN, "partner")])
# Medicon Valley
ho("medicon-valley-alliance", "Medicon Valley Alliance", "support", "DK",
   "Cluster organisation (managing company), first named Medicon Valley Academy "
   "(lines 4245-4257, 8405-8411). Danish-Swedish; country recorded as DK.", [(MV, "partner")])
for k, n, c, note in (
        ("lund-university", "Lund University", "SE",
         "Founding university (lines 3306-3312, 8399-8416); leading participant, Microbiome "
         "Network 2018 (lines 4330-4340)."),
        ("university-of-copenhagen", "University of Copenhagen", "DK",
         "Founding university (lines 3306-3312, 8399-8416)."),
        ("technical-university-of-denmark", "Technical University of Denmark (DTU)", "DK",
         "Leading participant, Microbiome Network 2018 (lines 4330-4340); bioengineering "
         "(lines 8354-8358)."),
        ("malmo-university", "Malmö University", "SE",
         "One of the nine universities forming the cluster's research profile (lines 8338-8358).")):
    ho(k, n, "education", c, note, [(MV, "member")])
for k, n, note in (
        ("novo-nordisk", "Novo Nordisk", "Largest pharmaceutical company of the cluster "
         "(lines 7941-7949); leading participant, Microbiome Network (lines 4330-4340); 212 "
         "staff commute from Sweden (lines 7973-7975)."),
        ("leo-pharma", "LEO Pharma", "Largest pharmaceutical company of the cluster "
         "(lines 7941-7949)."),
        ("ferring-pharmaceuticals", "Ferring Pharmaceuticals", "Largest pharmaceutical company "
         "of the cluster (lines 7941-7949); 121 staff commute from Sweden (line 7975)."),
        ("lundbeck", "Lundbeck", "Largest pharmaceutical company of the cluster "
         "(lines 7941-7949); funds neurology research (lines 8374-8380).")):
    ho(k, n, "manufacturer", "DK", note, [(MV, "member")])
ho("alteco-medical", "Alteco Medical", "manufacturer", None,
   "Member of the Medicon Valley Medtech Network of medical-technology developers "
   "(lines 4301-4316); country not stated.", [(MV, "member")])
ho("saxocon", "SAXOCON", "other", None,
   "Member of the Medicon Valley Medtech Network (lines 4301-4316); kind and country not "
   "stated.", [(MV, "member")])
ho("ideon", "Ideon Science Park (Lund)", "support", "SE",
   "Oldest science park of the cluster, 1983 (lines 8006-8009); in the Medtech Network "
   "(lines 4312-4316).", [(MV, "member")])
for k, n, c in (("medicon-village", "Medicon Village (Lund)", "SE"),
                ("medeon", "Medeon (Malmö)", "SE"), ("symbion", "Symbion", "DK"),
                ("scion-dtu", "Scion DTU", "DK"), ("cobis", "COBIS", "DK")):
    ho(k, n, "support", c, "One of the six science parks of the cluster (lines 8003-8012).",
       [(MV, "partner")])
ho("max-iv", "MAX IV Laboratory (Lund)", "research", "SE",
   "World-class innovation-infrastructure object in the Swedish part of the cluster "
   "(lines 7953-7961); opened 2016.", [(MV, "partner")])
ho("european-spallation-source", "European Spallation Source (ESS)", "research", "SE",
   "World-class innovation-infrastructure object in the Swedish part of the cluster "
   "(lines 7953-7961); budget EUR 1.7 bn.", [(MV, "partner")])
ho("region-skane", "Region Skåne (regional government)", "authority", "SE",
   "One of the only two governments supporting the cluster (lines 6119-6125).",
   [(MV, "partner")])
ho("capital-region-of-denmark", "Capital Region of Denmark (regional government)", "authority",
   "DK", "One of the only two governments supporting the cluster (lines 6119-6125).",
   [(MV, "partner")])
# Eurasanté, NHL, Clubster Santé
ho("gie-eurasante", "GIE Eurasanté", "support", "FR",
   "Groupement d'Intérêt Économique: technology-transfer centre, business park and cluster "
   "organisation (lines 5806-5849); runs Biobusiness Park Eurasanté, the Nutrition Health "
   "Longevity Cluster and Clubster Santé (lines 5887-5930).",
   [(EU, "partner"), (NHL, "partner"), ("clubster-sante", "partner")])
ho("university-of-lille", "University of Lille", "education", "FR",
   "Initiator and one of the 'founding fathers' of Eurasanté (lines 3312-3318, 3914-3918).",
   [(EU, "member")])
ho("eurasante-bio-incubator", "Eurasanté Bio Incubator", "support", "FR",
   "Division of the cluster, built 2000, 2,000 m²; >140 projects, 75 companies in almost 20 "
   "years (lines 8157-8197).", [(EU, "member")])
ho("imabiotech", "ImaBiotech", "research", "FR",
   "Research services company grown in the Eurasanté Bio Incubator, founded 2010 "
   "(lines 8220-8250).", [(EU, "member")])
ho("genfit", "Genfit", "manufacturer", "FR",
   "Biopharmaceutical company grown in the Eurasanté Bio Incubator, founded 1999 "
   "(lines 8252-8280).", [(EU, "member")])
ho("mdoloris-medical-systems", "Mdoloris Medical Systems", "manufacturer", "FR",
   "Pain-monitoring equipment maker grown in the Eurasanté Bio Incubator, founded 2008 "
   "(lines 8282-8332).", [(EU, "member")])
ho("fr-ministry-higher-education-research", "French Ministry of Higher Education and Research",
   "authority", "FR", "Supported the creation of the Eurasanté Bio Incubator (lines 8164-8165).",
   [(EU, "partner")])
ho("hauts-de-france-region", "Hauts-de-France Region (regional government)", "authority", "FR",
   "Funded Eurasanté entirely at formation and subsidises its free services (lines 6524-6550).",
   [(EU, "partner")])
# Health Tech Cluster Switzerland, Connected Health
ho("schwyz-canton-council", "Council of the canton of Schwyz", "authority", "CH",
   "Founded the cluster; regional authorities are fee-paying members (lines 6589-6593).",
   [(HT, "member")])
ho("tehnopol", "Tallinn Science Park Tehnopol", "support", "EE",
   "Acts as the cluster organisation of Connected Health; team of three; reports to Enterprise "
   "Estonia (lines 5322-5328, 5941-5978, 6054-6068).", [(CH_, "partner")])
ho("nortal", "Nortal", "other", "EE",
   "IT company, member of the cluster (lines 7157-7163); developer of the national health "
   "information exchange.", [(CH_, "member")])
ho("helmes", "Helmes", "other", "EE",
   "IT company, member of the cluster (lines 7157-7163); developed the e-prescription system "
   "and eHIS.", [(CH_, "member")])
for k, n in (("ee-ministry-economic-affairs", "Ministry of Economic Affairs and Communications "
              "of Estonia"),
             ("ee-ministry-social-affairs", "Ministry of Social Affairs of Estonia"),
             ("ee-health-insurance-fund", "Estonian Health Insurance Fund")):
    ho(k, n, "authority", "EE",
       "State body in the cluster («В кластер входят государственные институты», "
       "lines 7061-7065).", [(CH_, "member")])
ho("enterprise-estonia", "Enterprise Estonia", "authority", "EE",
   "National business-development agency: Tehnopol reports to it, the cluster grant was "
   "distributed through it (lines 5968-5984).", [(CH_, "partner")])
for k, n in (("university-of-tartu", "University of Tartu"), ("tallinn-university",
             "Tallinn University"), ("taltech", "Tallinn University of Technology (TalTech)")):
    ho(k, n, "education", "EE",
       "University the cluster actively works with (lines 5310-5318); membership not stated.",
       [(CH_, "partner")])
# Istanbul
ho("istanbul-technopark", "Istanbul Technopark", "support", "TR",
   "Key participant and managing company of the cluster (lines 7325-7330, 8484-8518).",
   [(IST, "member")])
for k, n, note in (("bogazici-university", "Boğaziçi University",
                    "Origin of the cluster (life-sciences research centre); key participant; on "
                    "the board (lines 8432-8482, 7325-7330)."),
                   ("sabanci-university", "Sabancı University",
                    "Key participant; on the board (lines 7325-7330, 8470-8482)."),
                   ("acibadem-university", "Acıbadem University",
                    "Private medical university; key participant; on the board "
                    "(lines 7325-7330, 8470-8482).")):
    ho(k, n, "education", "TR", note, [(IST, "member")])
ho("istanbul-chamber-of-industry", "Istanbul Chamber of Industry", "support", "TR",
   "Key participant that supported the cluster (lines 7325-7331).", [(IST, "member")])
ho("tr-ministry-industry-technology", "Ministry of Industry and Technology of Turkey",
   "authority", "TR", "Founded and funds the cluster (lines 7300-7325).", [(IST, "partner")])
ho("istanbul-development-agency", "Istanbul Development Agency", "authority", "TR",
   "Funded the Inovita platform and the incubation centre (lines 7270-7286).",
   [(IST, "partner")])
# Kvarner, Thailand, Singapore, China, BioDundee
ho("university-of-rijeka", "University of Rijeka", "education", "HR",
   "Involved in the cluster («с привлечением», lines 3801-3813).", [(KV, "partner")])
ho("primorje-gorski-kotar-county", "Primorje-Gorski Kotar County (regional administration)",
   "authority", "HR", "Involved in the cluster («с привлечением», lines 3801-3813).",
   [(KV, "partner")])
ho("hr-ministry-of-health", "Ministry of Health of Croatia", "authority", "HR",
   "Involved in the cluster («с привлечением», lines 3801-3813).", [(KV, "partner")])
for k, n, t in (("th-ministry-tourism-sports", "Ministry of Tourism and Sports of Thailand",
                 "authority"),
                ("th-ministry-health", "Ministry of Public Health of Thailand", "authority"),
                ("tourism-authority-of-thailand", "Tourism Authority of Thailand", "authority"),
                ("th-sme-development-institute", "Institute for SME Development (Thailand)",
                 "support")):
    ho(k, n, t, "TH", "Shown in Fig. 1.1, which lists participants and partners together "
       "(lines 1148-1167).", [(TH_, "partner")])
ho("biopolis", "Biopolis (technopark, Singapore)", "support", "SG",
   "Technopark of the Singapore clusters; researcher-housing programmes with the National "
   "University Hospital, 2002-2005 (lines 1512-1524).", [(SGC, "member")])
ho("national-university-hospital-singapore", "National University Hospital of Singapore",
   "clinic", "SG", "Ran researcher-housing programmes with Biopolis (lines 1512-1524); "
   "membership not stated.", [(SGC, "partner")])
ho("bioenterprise-asia", "BioEnterprise Asia", "support", "SG",
   "Incubator created in the Singapore clusters (lines 1549-1559).", [(SGC, "member")])
CNC = "china-shenzhen-beijing-shanghai-clusters"
for k, n, t in (("proexact-biotech", "Proexact Biotech", "startup"),
                ("beijing-huada-genomics-institute", "Beijing Huada Genomics Institute",
                 "research"),
                ("united-gene", "United Gene", "startup")):
    ho(k, n, t, "CN", "Biotechnology company founded by returning scientists in the clusters of "
       "Shenzhen, Beijing and Shanghai (lines 1599-1613).", [(CNC, "member")])
ho("university-of-dundee", "University of Dundee", "education", "GB",
   "Its infrastructure is used by the Translational Medicine Research Collaboration "
   "(lines 2472-2478).", [(BD, "partner")])
ho("wyeth", "Wyeth", "manufacturer", None,
   "Pharmaceutical company funding the Translational Medicine Research Collaboration "
   "(lines 2466-2472); country not stated.", [(BD, "partner")])

# Russian clusters
ro("mmk-fund", "Фонд Международного медицинского кластера", "support", "RU",
   "Fund of the International Medical Cluster, created 2015 (digest lines 557, 581); "
   "co-publisher of the HSE study (000 lines 8538-8543).", [(MMK, "partner")])
ro("hadassah-moscow", "Медицинский центр «Хадасса» (Hadassah)", "clinic", "RU",
   "Israeli clinic; first participant, already operating in the cluster (digest lines 585-591). "
   "Country recorded as RU: the branch operates in Moscow.", [(MMK, "member")])
ro("samgmu", "Самарский государственный медицинский университет (СамГМУ)", "education", "RU",
   "Party to the memorandum on medical tourism (digest line 218); built the research-to-"
   "production chain cited as groundwork of the medical and pharmaceutical technologies cluster "
   "(lines 204-206).", [("samara-medical", "partner"), ("samara-medpharm", "member")])
ro("samara-health-ministry", "Министерство здравоохранения Самарской области", "authority",
   "RU", "Party to the memorandum on medical tourism (digest line 218).",
   [("samara-medical", "partner")])
ro("national-council-medical-tourism", "Национальный совет по медицинскому туризму", "support",
   "RU", "Party to the memorandum on medical tourism (digest lines 190, 218).",
   [("samara-medical", "partner")])
ro("kaliningrad-amber-combine", "АО «Калининградский янтарный комбинат»", "manufacturer", "RU",
   "Anchor industrial enterprise and founder of the cluster («якорным промышленным "
   "предприятием и учредителем кластера», digest line 240); the only holder of raw-amber export "
   "licences (line 290).", [(AMB, "anchor")])
ro("amber-cluster-association", "Ассоциация «Кластер янтарной промышленности Калининградской "
   "области»", "support", "RU",
   "Started the cluster with the regional government (digest line 236); general director "
   "Антон Федосов (line 246); strategic partnership agreements (line 354).", [(AMB, "partner")])
ro("darvin", "DARVIN (ювелирный бренд)", "manufacturer", "RU",
   "Jewellery brand; its creator Вячеслав Дарвин is a co-founder of the cluster (digest "
   "line 276).", [(AMB, "member")])
ro("kaliningrad-region-government", "Правительство Калининградской области", "authority", "RU",
   "Started the cluster with the association (digest line 236).", [(AMB, "partner")])
ro("mic-fund", "Фонд «Инновационный кластер Москвы»", "support", "RU",
   "Fund of the Moscow Innovation Cluster; first supervisory board meeting 15 July 2019 "
   "(digest line 397).", [(MIC, "partner")])
for k, n, t in (("skolkovo-foundation", "Фонд «Сколково»", "support"),
                ("kurchatov-institute", "НИЦ «Курчатовский институт»", "research"),
                ("rusnano", "Корпорация РОСНАНО", "support"),
                ("technopark-strogino", "Технопарк «Строгино»", "support"),
                ("technopark-slava", "Технопарк «Слава»", "support"),
                ("msu", "Московский государственный университет имени М.В. Ломоносова",
                 "education"),
                ("bauman-mstu", "МГТУ имени Н.Э. Баумана", "education"),
                ("miet", "Национальный исследовательский университет «МИЭТ»", "education")):
    ro(k, n, t, "RU", "Named among the more than 600 participants (digest lines 424-426).",
       [(MIC, "member")])
ro("tsniichermet", "ФГУП «ЦНИИчермет им. И.П. Бардина»", "research", "RU",
   "Registered on the i.moscow platform, joining the cluster; reported in the December 2019 "
   "digest (lines 403-411).",
   [(MIC, "member", {"joined": "2019"})])
ro("ik-maslovsky", "ООО «ИК Масловский» («Ламплекс композит»)", "manufacturer", "RU",
   "First participant of the cluster; resident of the SEZ «Центр» (digest lines 436, 442).",
   [("voronezh-composite", "member")])
ro("aerospace-composite-technologies", "ООО «Аэрокосмические композитные технологии»",
   "manufacturer", "RU",
   "Joint venture of ИК Масловский, ООО «МТКС» and Aerospace Composites GmbH; one of the two "
   "companies of the cluster (digest lines 436, 444).", [("voronezh-composite", "member")])
ro("rkhtu-mendeleev", "Российский химико-технологический университет имени Д.И. Менделеева",
   "education", "RU", "Initiator of the «Долина Менделеева» centre (digest line 484).",
   [("dolina-mendeleeva", "partner")])
ro("mendeleev-engineering-centre", "Менделеевский инжиниринговый центр", "research", "RU",
   "Opened within the project; more than 80 units of equipment, 40 researchers (digest "
   "lines 486-490).", [("dolina-mendeleeva", "member")])
for k, n, t, note in (
        ("mozart-house", "ООО «Моцарт Хаус»", "other",
         "Restaurants, food delivery, wine-making"),
        ("east-european-sommelier-association",
         "НП «Восточно-Европейская Ассоциация сомелье и экспертов»", "support", "Association"),
        ("partnery-rostov", "ООО «Партнеры»", "other", "About 20 food shops and 30 catering "
         "outlets")):
    ro(k, n, t, "RU", note + "; joined the cluster in 2019 (digest line 504).",
       [("dolina-dona", "member", {"joined": "2019"})])
ro("krasnoyarsk-business-agency", "Красноярское агентство развития бизнеса", "support", "RU",
   "Will curate the work of the cluster (digest line 520).", [("krasnoyarsk-organic", "partner")])
ro("murmansk-region-government", "Правительство Мурманской области", "authority", "RU",
   "Party to the 2015 memorandum creating the cluster; commissioned its umbrella brand in 2018 "
   "(digest lines 533, 539).", [("belomorye", "partner")])
ro("tersky-district-administration", "Администрация Терского района", "authority", "RU",
   "Party to the 2015 memorandum creating the cluster (digest line 533).",
   [("belomorye", "partner")])
ro("kandalaksha-district-administration", "Администрация Кандалакшского района", "authority",
   "RU", "Party to the 2015 memorandum creating the cluster (digest line 533).",
   [("belomorye", "partner")])
for k, n, t, note in (
        ("pirogov-rnrmu", "Pirogov Russian National Research Medical University", "education",
         "Initiated and coordinates the cluster; in its spearhead group (HSE news lines 20, 24)."),
        ("msu-faculty-fundamental-medicine",
         "Faculty of Fundamental Medicine, Lomonosov Moscow State University", "education",
         "In the spearhead group (HSE news line 24)."),
        ("ibch-ras", "Shemyakin-Ovchinnikov Institute of Bioorganic Chemistry, RAS", "research",
         "In the spearhead group (HSE news line 24)."),
        ("ihna-ras", "Institute of Higher Nervous Activity and Neurophysiology, RAS", "research",
         "In the spearhead group (HSE news line 24)."),
        ("rogachev-centre", "Dmitry Rogachev Federal Scientific and Clinical Centre of Paediatric "
         "Haematology, Oncology and Immunology", "clinic",
         "In the spearhead group (HSE news line 24)."),
        ("semenov-ichph", "Semenov Institute of Chemical Physics", "research",
         "In the spearhead group (HSE news line 24)."),
        ("eurogen", "Eurogen, Inc.", "other",
         "Innovative company in the spearhead group (HSE news line 24); kind not stated."),
        ("imagerysoft", "Imagerysoft, Inc.", "other",
         "Innovative company in the spearhead group (HSE news line 24); kind not stated."),
        ("neurobiolab", "Neurobiolab, Inc.", "other",
         "Innovative company in the spearhead group (HSE news line 24); kind not stated.")):
    ro(k, n, t, "RU", note, [(MMT, "member")], source=NEWS)
# its stage is the last of the value chain of BioMed (CHAIN_STAGES below)
PB_FINISHING = "finishing"
ro("medinzh", "НПП «МедИнж»", "manufacturer", "RU",
   "Anchor enterprise and finisher («Якорное предприятие-финишер», article lines 162-164, 190); "
   "initiated the 2015 cluster project on X-ray endovascular surgery devices.",
   [(PB, "anchor", {"value_chain_stage": PB_FINISHING, "source": PENZA})], source=PENZA)

# --------------------------------------------------------------------------------------
# Cluster development (issue 14, schema 12): programmes, registries and lists with their
# rounds, shares and listings; targets; BioMed's value chain and its 2015 project
# --------------------------------------------------------------------------------------
# Written to data/development/development.json, apart from data/*.json: the import of these
# kinds is not in clusterscope yet, and the importer refuses a registry document with members
# it does not know, so the globs that import data/*.json would fail. Column names and order are
# those of the development kinds (migration 0012); a cell the seeds do not state is absent,
# never 0. Participant counts over time are facts (organisation_count by year, above).
DEV_COLUMNS = {
    "programmes": ("key", "kind", "name_en", "name_ru", "operator", "country", "started", "ended",
                   "budget", "currency", "levels", "url", "source", "locator", "quote", "note"),
    "programme_rounds": ("programme", "round", "year", "budget", "requested", "awarded",
                         "applications", "awards", "status", "source", "locator", "quote",
                         "note"),
    "round_shares": ("programme", "round", "specialisation", "clusters", "requested", "awarded",
                     "status", "source", "locator", "quote", "note"),
    "applications": ("programme", "round", "cluster", "requested", "awarded", "decision",
                     "status", "source", "locator", "quote", "note"),
    "listings": ("programme", "cluster", "entered", "left_on", "level", "decision", "status",
                 "source", "locator", "quote", "note"),
    "targets": ("cluster", "name", "year", "value", "baseline_year", "status", "source",
                "locator", "quote", "note"),
    "chain_stages": ("cluster", "stage", "position", "name_en", "name_ru", "source", "locator",
                     "quote", "note"),
    "projects": ("key", "cluster", "name_en", "name_ru", "started", "ended", "participants",
                 "stages", "outcome", "status", "source", "locator", "quote", "note"),
    "project_members": ("project", "organisation", "role", "stage", "source", "locator", "quote",
                        "note"),
    "project_stages": ("project", "stage", "source"),
    "links": ("cluster", "source_org", "target_org", "kind", "project", "year", "weight",
              "status", "source", "locator", "quote", "note"),
}
DEV = {k: [] for k in DEV_COLUMNS}


def dev(table, where=None, **cells):
    """One record of a development kind (table); where = raw seed lines (a, b) as for facts."""
    if where is not None:
        cells["locator"] = loc(*where)
    unknown = set(cells) - set(DEV_COLUMNS[table])
    assert not unknown, f"{table}: unknown columns {sorted(unknown)}"
    DEV[table].append({c: cells[c] for c in DEV_COLUMNS[table] if cells.get(c) not in (None, "")})


# ---- programmes (seed 002 line 30; seed 001 line 236) --------------------------------------
MINEC = "Russian Ministry of Economic Development"
PILOT_SUPPORT = "ru-pilot-itc-support"
PILOT_LIST = "ru-pilot-itc-list"
IND_REGISTRY = "ru-industrial-cluster-registry"
PILOT_Q = ("the Russian Ministry of Economic Development in 2012 launched innovative territorial "
           "clusters support programme covering 25 pilot clusters")
PILOT_TWO_Q = "Two out of 25 pilot innovative regional clusters operate in Moscow"
dev("programmes", (30, 30), key=PILOT_SUPPORT, kind="support",
    name_en="Support programme for pilot innovative territorial clusters", operator=MINEC,
    country="RU", started=2012, currency="RUB", source=NEWS, quote=PILOT_Q,
    note="Subsidies for the projects of the 25 pilot clusters, chosen each year by a selection "
         "commission (line 30). Its total budget and its end are not stated. The page is in "
         "English and gives no Russian name.")
dev("programmes", (30, 32), key=PILOT_LIST, kind="list",
    name_en="The 25 pilot innovative territorial clusters", operator=MINEC, country="RU",
    started=2012, source=NEWS, quote=PILOT_Q + " ... " + PILOT_TWO_Q,
    note="The clusters the support programme covers (line 30); the sources name 2 of the 25, "
         "Troitsk and Zelenograd (line 32). Started: the programme's launch year.")
AMB_REG_Q = "включен в реестр промышленных кластеров Министерства промышленности и торговли РФ"
dev("programmes", (236, 236), key=IND_REGISTRY, kind="registry",
    name_en="Registry of industrial clusters of the Ministry of Industry and Trade of the "
            "Russian Federation",
    name_ru="Реестр промышленных кластеров Министерства промышленности и торговли РФ",
    operator="Ministry of Industry and Trade of the Russian Federation (Minpromtorg)",
    country="RU", source=DIGEST, quote=AMB_REG_Q,
    note="Its start, its criteria and the clusters it lists, other than the amber cluster, are "
         "not stated in the sources; line 298 repeats the amber cluster's registration "
         "(«зарегистрирован в реестре Минпромторга РФ»).")

# ---- the round of "this year" and its biomedical share (seed 002 line 30) -------------------
THIS_YEAR = "this-year"
dev("programme_rounds", (30, 30), programme=PILOT_SUPPORT, round=THIS_YEAR, year=2014,
    budget=2500000000, requested=2700000000, awarded=2500000000, status="estimated",
    source=NEWS,
    quote="The commission on selecting clusters' projects to provide support to has just "
          "completed its work ... 2.5 billion roubles will be allocated for their support this "
          "year ... a significant proportion of projects were refused funding (the total "
          "requested amount was close to 2.7 billion roubles)",
    note="The round of 'this year' on an undated page. Year estimated: the text only implies a "
         "year after the 2012 launch (it compares with 'the previous year'); 2014 is the "
         "reading of the page's internal evidence in the source's note, not a stated year. "
         "Budget and awarded: stated, the 2.5 bn allocated to the projects the commission "
         "selected. Requested: estimated, 'close to 2.7 billion' recorded as 2.7 bn. Numbers of "
         "applications and awards not stated. Award rate by amount 2.5 / 2.7 = 93% (derived, "
         "not stored).")
dev("round_shares", (30, 30), programme=PILOT_SUPPORT, round=THIS_YEAR,
    specialisation="biomedical", clusters=6, awarded=680000000, status="stated", source=NEWS,
    quote="the share of funds allocated to six pilot clusters specialising in biotechnology, "
          "pharmaceutics, and medical industry, has increased. In total they received 680 "
          "million roubles",
    note="'Six pilot clusters specialising in biotechnology, pharmaceutics, and medical "
         "industry', recorded under the specialisation 'biomedical'; the six are not named. "
         "680 mn of the round's 2.5 bn is 27.2% (derived, not stored). The share grew compared "
         "with the previous year, whose figures are not stated, so no previous round is "
         "recorded.")

# ---- listings ------------------------------------------------------------------------------
dev("listings", (236, 236), programme=IND_REGISTRY, cluster=AMB, entered="2019-03-26",
    status="stated", source=DIGEST,
    quote="26 марта 2019 года янтарный промышленный кластер " + AMB_REG_Q + " и стал первым "
          "официальным промышленным кластером Калининградской области",
    note="The first official industrial cluster of Kaliningrad Oblast. The act (an order and "
         "its number) is not named, so no decision is recorded; no exit is reported.")
for c, words in (("troitsk", "Troitsk New Materials, Laser, and Radiation Technologies"),
                 ("zelenograd", "Zelenograd Electronic Industry")):
    dev("listings", (30, 32), programme=PILOT_LIST, cluster=c, entered="2012",
        status="estimated", source=NEWS, quote=PILOT_Q + " ... " + PILOT_TWO_Q + ": ... " + words,
        note="Named as one of the 25 pilot clusters (line 32). Entered: the year the programme "
             "was launched covering 25 pilot clusters (line 30); the page does not say when "
             "this cluster joined the list, nor that the list is unchanged since 2012.")

# ---- targets (seed 001 line 250) -----------------------------------------------------------
dev("targets", (250, 250), cluster=AMB, name="local_processing_share", value="70",
    status="estimated", source=DIGEST,
    quote="Основная цель отраслевой стратегии — обеспечить переработку на территории "
          "Калининградской области 70% добываемого янтаря",
    note="The main goal of the amber industry's strategy (Government order No. 1966-р of 15 "
         "September 2017, line 250), recorded as the cluster's target because the cluster's "
         "main function is building the amber industry (line 240); the digest does not say the "
         "cluster set it. Due year and baseline not stated; no progress figure is stated.")

# ---- BioMed's value chain and its 2015 project (seed 003 lines 162-218) ---------------------
PB_PROJECT = "biomed-endovascular-devices-2015"
PB_STAGES_Q = "объединившая производственные и сервисные предприятия на 5 технологических переделах"
PB_FINISHER_Q = ("Якорное предприятие-финишер «МедИнж» - разработало и спроектировало образцы "
                 "конечной продукции")
PB_INIT_Q = ("В 2015 году якорным предприятием кластера – Научно-производственным предприятием "
             "«МедИнж» - был инициирован кластерный проект")
for pos in range(1, 5):
    dev("chain_stages", (194, 212), cluster=PB, stage=f"stage-{pos}", position=pos,
        source=PENZA,
        quote="перед предприятиями-поставщиками сырья, материалов и компонентов, находящихся на "
              "нижестоящих производственных переделах ... " + PB_STAGES_Q,
        note="One of the five technological stages («переделы») of the 2015 project's platform "
             "(line 212); the article states their number, not their names. The stages below "
             "the finisher's are those of the suppliers of raw materials, materials and "
             "components (lines 194-198); which supplier is on which is not stated, so stages "
             "1-4 are ordered only as lying below the finisher's.")
dev("chain_stages", (190, 212), cluster=PB, stage=PB_FINISHING, position=5,
    name_en="Final products (the finisher)", name_ru="конечная продукция (предприятие-финишер)",
    source=PENZA, quote=PB_FINISHER_Q + " ... " + PB_STAGES_Q,
    note="The last of the five stages: the anchor finisher МедИнж designed the final products "
         "and its suppliers are on the stages below (lines 190-198). Named from the text's "
         "«финишер» and «конечной продукции»; the article gives the stage no name of its own. "
         "The cluster's output has 'a significant number of production stages' (line 134): "
         "only the project's five are recorded.")
dev("projects", (162, 218), key=PB_PROJECT, cluster=PB,
    name_en="Development and production of high-tech medical devices for X-ray endovascular "
            "surgery",
    name_ru="Разработка и производство высокотехнологичных медицинских изделий для "
            "рентгеноэндоваскулярной хирургии",
    started=2015, participants=11, stages=5,
    outcome="new kinds of medical devices in demand on the market taken into production within "
            "three years",
    status="stated", source=PENZA,
    quote=PB_INIT_Q + " «Разработка и производство высокотехнологичных медицинских изделий для "
          "рентгеноэндоваскулярной хирургии» ... в которых участвовали 11 компаний кластера ... "
          + PB_STAGES_Q + " ... запустить в течении 3 лет в производственную реализацию новые "
          "виды медизделий, востребованные рынком",
    note="The through ('сквозная') innovation linking the participants: minimally invasive "
         "surgery (lines 170-178). Participants: the 11 cluster companies in its R&D (line "
         "206); only the initiator is named. End year not stated. Figure 1, the project's "
         "production-cooperation scheme (lines 186-188), is missing from the text, so no "
         "cooperation links are recorded.")
dev("project_members", (162, 192), project=PB_PROJECT, organisation="medinzh", role="initiator",
    stage=PB_FINISHING, source=PENZA, quote=PB_INIT_Q + " ... " + PB_FINISHER_Q,
    note="Initiator of the project, the cluster's anchor and its finisher (the last stage). The "
         "other participants (11 cluster companies took part in its R&D) are not named.")
for st in [f"stage-{pos}" for pos in range(1, 5)] + [PB_FINISHING]:
    dev("project_stages", project=PB_PROJECT, stage=st, source=PENZA)

# ---- the observatory's counts as country facts (seed 001 lines 565-569) ---------------------
cf("RU", "clusters_total", "118", "stated", (565, 565),
   "По данным специалистов Российской кластерной обсерватории ИСИЭЗ НИУ ВШЭ, на территории "
   "России существует 118 кластеров",
   "The Russian Cluster Observatory's count, quoted by the head of the International Medical "
   "Cluster fund in an interview reprinted in the December 2019 digest; year = the digest's, "
   "the count's own date is not stated.", year=2019, source=DIGEST)
cf("RU", "clusters.kind.biomedical", "16", "stated", (569, 569),
   "В сфере фармацевтики и медицины развивается 16 кластеров. Большинство из них находятся на "
   "ранней стадии организационного развития",
   "Of the observatory's 118 (line 565); 'most of them are at an early stage of organisational "
   "development' is not a count and is not recorded as one. The 16 are not named, so they are "
   "not matched with the registry's clusters; year = the digest's.", year=2019, source=DIGEST)

# --------------------------------------------------------------------------------------
# Reference groups (HSE study, Table 2.1 and Table 2.2)
# --------------------------------------------------------------------------------------
REFERENCE = {
    "format": "clusterscope-reference-types",
    "version": 1,
    "source": HSE,
    "description": "The three groups of biomedical clusters published by the HSE study "
                   "(chapter 2), kept as reference types for the typology: published "
                   "characteristics from Table 2.1 (lines 3085-3184) and the group prose "
                   "(lines 3185-3485), and the published group of each bundled cluster. "
                   "Shares are the study's; cells that span two group columns in the extracted "
                   "table are marked with 'shared_with'. Each group's 'profile' restates the "
                   "published characteristics that can be read on the items of the method "
                   "'profile_method' as the share of the group's clusters meeting the item "
                   "(share_min..share_max), for labelling groups found by 'clusterscope "
                   "classify'. A characteristic's 'facts' maps the published value to the "
                   "cluster facts it speaks of: 'mainly' for «преимущественно» (most of the "
                   "group's clusters), 'typical' for a table cell that gives no share (a typical "
                   "value of the group). These are group-level statements and are not facts of "
                   "single clusters. 'clusterscope import' loads this document into the "
                   "registry's reference tables (format tag clusterscope-reference-types).",
    "profile_method": "hse-biomedical-2019",
    "sample": {"clusters": 40, "countries": 22, "locator": "line 2679",
               "quote": "40 кластеров из 22 стран",
               "note": "The list of the 40 clusters (Fig. 2.1) is missing from the text; only "
                       "clusters named in the text and Table 2.2 can be assigned."},
    "published_sizes": {
        "groups": {"1": 10, "2": 20, "3": 11}, "sum": 41, "sample": 40,
        "locators": {"1": "lines 3185-3189", "2": "lines 3270-3274", "3": "lines 3379-3385"},
        "note": "Published as 10 + 20 + 11 = 41 for a sample of 40. Kept as published. The "
                "group-3 shares of Table 2.1 (90%, 30%) are exact for 10 clusters (9/10, 3/10), "
                "not for 11 (90.9%, 27.3%), which suggests 10 — an inference, not a correction."},
    "method": {"locator": "lines 3057-3083",
               "quote": "К результатам оценки выборки ... был применен кластерный анализ ... По "
                        "итогам нескольких итераций вся выборка исследуемых кластеров "
                        "разделилась на три группы (табл. 2.1)",
               "note": "Binary scores (lines 3057-3062); no algorithm, distance or linkage is "
                       "given and the score matrix is not published."},
    "groups": [
        {"id": 1,
         "name_ru": "Глобальные кластеры высокотехнологичной медицины",
         "name_en": "Global high-tech medicine clusters",
         "size_published": 10,
         "characteristics": {
             "countries": {"ru": "Германия, США, Республика Корея",
                           "en": "Germany, USA, Republic of Korea",
                           "codes": ["DE", "US", "KR"], "locator": "lines 3103-3107"},
             "specialisation": {"ru": "ИиР в биомедицине (100% кластеров), медицинские услуги: "
                                      "реабилитация и лечение (более 55%)",
                                "shares": {"activity.rd_biomedicine": "100%",
                                           "activity.medical_services": ">55%"},
                                "shared_with": [2], "locator": "lines 3111-3112"},
             "competitive_advantage": {"ru": "Высокий внешний спрос на медицинские услуги",
                                       "en": "High external demand for medical services",
                                       "facts": {"advantage.external_demand": "typical"},
                                       "locator": "lines 3122-3123"},
             "focus": {"ru": "Межотраслевое взаимодействие: медицина и ИКТ; лечение и туризм",
                       "en": "Cross-industry interaction: medicine and ICT; treatment and tourism",
                       "facts": {"focus.cross_industry": "typical"},
                       "locator": "lines 3135-3137"},
             "size": {"ru": "Более 100 организаций", "en": "More than 100 organisations",
                      "value": ">100", "shared_with": [2], "locator": "line 3147"},
             "innovation": {"ru": "Развитая инновационная инфраструктура (более 60%), "
                                  "поддержка стартапов (более 45%)",
                            "shares": {"innovation_infrastructure_objects >= 2": ">60%",
                                       "startups >= 2": ">45%"},
                            "shared_with": [2], "locator": "lines 3153-3154"},
             "initiative": {"ru": "Преимущественно государственная", "en": "Mainly state",
                            "facts": {"initiative.authorities": "mainly"},
                            "locator": "lines 3164-3165",
                            "note": "The prose gives a share: 70% created on the initiative "
                                    "of authorities or through PPP (lines 3217-3225)."},
             "state_in_governance": {"ru": "Органы государственной власти чаще участвуют в "
                                           "управлении кластером (70%)",
                                     "shares": {"authorities_in_governance": "70%"},
                                     "locator": "lines 3172-3175"},
             "esca_label": {"value": None, "locator": "lines 3180-3182",
                            "note": "Row present, no cell values extracted (probably icons)."}},
         "prose": [
             {"locator": "lines 3185-3213",
              "quote": "Кластеры этой группы отличает большое число участников (до 650 "
                       "организаций) и многоотраслевая специализация"},
             {"locator": "lines 3213-3225",
              "quote": "70% кластеров первой группы были созданы либо по инициативе органов "
                       "власти, либо путем реализации механизмов ГЧП"},
             {"locator": "lines 3254-3264",
              "quote": "ежегодная выручка от медицинского туризма стран их базирования "
                       "превышает 1 млрд долл., численность иностранных пациентов — более "
                       "200 тыс. человек"}]},
        {"id": 2,
         "name_ru": "Кластеры мировых биомедицинских исследований",
         "name_en": "World biomedical research clusters",
         "size_published": 20,
         "characteristics": {
             "countries": {"ru": "Страны Европы и Азии", "en": "Countries of Europe and Asia",
                           "locator": "line 3107"},
             "specialisation": {"shared_with": [1], "locator": "lines 3111-3112",
                                "note": "Same merged cell as group 1."},
             "competitive_advantage": {"ru": "Сильные университетские клиники и центры знаний",
                                       "en": "Strong university clinics and knowledge centres",
                                       "facts": {"advantage.knowledge_centres": "typical"},
                                       "locator": "lines 3125-3126"},
             "focus": {"ru": "Внедрение результатов ИиР в клиническую практику",
                       "en": "Putting R&D results into clinical practice",
                       "facts": {"focus.rd_to_practice": "typical"},
                       "locator": "lines 3139-3141"},
             "size": {"shared_with": [1], "value": ">100", "locator": "line 3147"},
             "innovation": {"shared_with": [1], "locator": "lines 3153-3154"},
             "initiative": {"ru": "Преимущественно частная", "en": "Mainly private",
                            "facts": {"initiative.business": "mainly"},
                            "shared_with": [3], "locator": "line 3165",
                            "note": "Reconstructed span; the prose says universities were key "
                                    "founders of most group-2 clusters (lines 3300-3304). "
                                    "'Private' is mapped to business only; the universities "
                                    "of the prose are not mapped, as the table does not name "
                                    "them."},
             "state_in_governance": {"ru": "Преимущественно независимые от государства органы "
                                           "управления",
                                     "en": "Governance mostly independent of the state",
                                     "shared_with": [3], "locator": "lines 3177-3178"},
             "esca_label": {"value": None, "locator": "lines 3180-3182"}},
         "prose": [
             {"locator": "lines 3270-3294",
              "quote": "более двух третей кластеров расположены в государствах, имеющих высокий "
                       "рейтинг эффективности системы здравоохранения [Bloomberg, 2014], но при "
                       "этом занимающих небольшие доли мирового рынка медицинского туризма"},
             {"locator": "lines 3300-3304",
              "quote": "Существенную роль в формировании большинства из них сыграли "
                       "университеты"}]},
        {"id": 3,
         "name_ru": "Кластеры международного медицинского туризма",
         "name_en": "International medical tourism clusters",
         "size_published": 11,
         "characteristics": {
             "countries": {"ru": "Страны Европы и Латинской Америки",
                           "en": "Countries of Europe and Latin America",
                           "locator": "lines 3107-3109"},
             "specialisation": {"ru": "Медицинские услуги: реабилитация и лечение (90%), ИиР в "
                                      "биомедицине (30%)",
                                "shares": {"activity.medical_services": "90%",
                                           "activity.rd_biomedicine": "30%"},
                                "locator": "lines 3114-3117"},
             "competitive_advantage": {"ru": "Сравнительно низкая стоимость медицинских услуг",
                                       "en": "Comparatively low cost of medical services",
                                       "facts": {"advantage.low_cost": "typical"},
                                       "locator": "lines 3128-3130"},
             "focus": {"ru": "Полный цикл сервисов для медицинских туристов",
                       "en": "Full cycle of services for medical tourists",
                       "facts": {"focus.medical_tourism_services": "typical"},
                       "locator": "lines 3143-3145"},
             "size": {"ru": "Менее 100 организаций", "en": "Fewer than 100 organisations",
                      "value": "<100", "locator": "lines 3147-3148"},
             "innovation": {"ru": "Развитая туристическая инфраструктура, поддержка стартапов "
                                  "в отдельных кластерах",
                            "en": "Developed tourist infrastructure; start-up support in some "
                                  "clusters", "locator": "lines 3156-3159"},
             "initiative": {"shared_with": [2], "ru": "Преимущественно частная",
                            "en": "Mainly private", "facts": {"initiative.business": "mainly"},
                            "locator": "line 3165",
                            "note": "The prose repeats it: «преимущественно частная инициатива "
                                    "создания» (lines 3387-3391)."},
             "state_in_governance": {"shared_with": [2], "locator": "lines 3177-3178"},
             "esca_label": {"value": None, "locator": "lines 3180-3182"}},
         "prose": [
             {"locator": "lines 3379-3399",
              "quote": "Их ключевые характеристики — преимущественно частная инициатива "
                       "создания, независимые от государства органы управления и оказание услуг "
                       "здравоохранения по относительно низким ценам"},
             {"locator": "lines 3462-3480",
              "quote": "формат кластеров третьей группы — это кооперация клиник с организациями "
                       "туристической отрасли в целях создания единой цепочки услуг"}]},
    ],
    "target_models": [
        {"id": 1, "name_ru": "Координация деятельности региональных игроков в сфере "
                             "здравоохранения",
         "name_en": "Coordinating regional healthcare players", "locator": "lines 3614-3833"},
        {"id": 2, "name_ru": "Создание условий для взаимодействия научных организаций и бизнеса "
                             "в процессе трансфера технологий",
         "name_en": "Conditions for science-business interaction in technology transfer",
         "locator": "lines 3834-3936"},
        {"id": 3, "name_ru": "Объединение в глобальную партнерскую сеть медицинских и "
                             "фармацевтических компаний, научных организаций и вузов",
         "name_en": "Global partnership network of medical and pharmaceutical companies, "
                    "research organisations and universities", "locator": "lines 3937-4025"},
        {"id": 4, "name_ru": "Кооперация клиник, туристических и страховых компаний для развития "
                             "интегрированных сервисов",
         "name_en": "Cooperation of clinics, tourism and insurance companies for integrated "
                    "services", "locator": "lines 4026-4076"},
    ],
    "basis_values": {
        "stated": "the text names the cluster as a member of the group",
        "reconstructed": "from the column of Table 2.2 (lines 3510-3613): names are alphabetical "
                         "within each group column and the alphabet restarts at each column; an "
                         "inference about the layout of the extracted table",
        "derived": "follows from published statements (e.g. a target model that 'fully "
                   "corresponds' to one group, or a country that only one group admits)",
        "not_assigned": "the study does not assign a group (null)",
    },
}
T22 = "Table 2.2 column (lines 3510-3613)"
ASSIGN = [
    (HC, 1, "reconstructed", T22 + "; target models 1 and 3", "lines 3539, 3583"),
    (LSN, 1, "reconstructed", T22 + "; target models 1 and 3", "lines 3542, 3586"),
    (GWH, 1, "stated", "«Целью создания этого немецкого кластера первой группы»; target model 1",
     "line 3651"),
    (BCV, 1, "stated", "Example in the group-1 prose; target model 1 in Table 2.2",
     "lines 3225-3239"),
    (DG, 1, "stated", "Example in the group-1 prose", "lines 3239-3244"),
    (MB, 1, "stated", "«Кластер первой группы MassBio»; «MassBio (первая группа)»; target model 3",
     "lines 3360, 3951"),
    (MA, 1, "reconstructed", T22 + "; target model 3; only group 1 admits the USA", "line 3590"),
    ("bioohio", 1, "reconstructed", T22 + "; target model 3; only group 1 admits the USA",
     "line 3581"),
    (HVN, 2, "stated", "Example in the group-2 prose; target model 2", "lines 3318-3333"),
    (MV, 2, "stated", "Example in the group-2 prose; target model 2", "lines 3304-3312"),
    (EU, 2, "stated", "Example in the group-2 prose; target model 2", "lines 3312-3318"),
    (NHL, 2, "stated", "«Nutrition Health Longevity (вторая группа)»", "lines 3349-3350"),
    (HT, 2, "reconstructed", T22 + "; target model 3", "line 3592"),
    (KOBE, 2, "reconstructed", T22 + "; target model 1; of the three groups only group 2 "
     "admits Japan (Asia, not Korea)", "line 3551"),
    (LYON, 2, "reconstructed", T22 + "; target model 3", "line 3595"),
    (MED, 2, "reconstructed", T22 + "; target model 3", "line 3597"),
    ("task-force-health-care", 2, "stated", "«Task Force Health Сare (вторая группа)»; target "
     "model 3", "line 3989"),
    (ICARE, 2, "stated", "«французского кластера второй группы»; target model 1",
     "lines 3760-3762"),
    ("biotecyl", 2, "reconstructed", T22 + "; target model 1", "line 3544"),
    (CH_, 2, "reconstructed", T22 + "; target model 1", "line 3547"),
    (LC, 3, "derived", "Target model 4, which 'fully corresponds' to group 3, with LitCare as "
     "its example; Table 2.2 model-4 column", "lines 4044-4052, 3609"),
    (KV, 3, "stated", "«отнесенный к третьей группе»; target models 1 and 4", "lines 3799-3801"),
    (MHC, 3, "stated", "Example in the group-3 prose; target model 1", "lines 3438-3460"),
    (MTY, 3, "stated", "Example in the group-3 prose; target model 1", "lines 3413-3436"),
]
TARGET_MODELS = {HC: [1, 3], LSN: [1, 3], GWH: [1], BCV: [1], MB: [3], MA: [3], "bioohio": [3],
                 HVN: [2], MV: [2], EU: [2], HT: [3], KOBE: [1], LYON: [3], MED: [3],
                 "task-force-health-care": [3], ICARE: [1], "biotecyl": [1], CH_: [1],
                 LC: [4], KV: [1, 4], MHC: [1], MTY: [1]}
UNASSIGNED = {
    TH_: "Literature example (chapter 1); sample membership unknown",
    "clubster-sante": "Named as a cluster run by Eurasanté; no group given",
    "biocom": "No group given; would be group 1 if in the sample (only group 1 admits the USA) "
              "— an inference, not recorded as a group",
    "boston-biotech-cluster": "Unnamed literature example",
    SGC: "Literature example",
    "china-shenzhen-beijing-shanghai-clusters": "Literature example",
    EB: "No group given", BD: "No group given", BTV: "No group given",
    IST: "Case in chapter 3; not in Table 2.2; no group given",
    MMK: "Comparison object of the study, not in the 40-cluster sample",
}


def trait(item, lo, hi, published, basis, locator, shared_with=None, note=None,
          countries=None):
    t = {"item": item} if item else {"countries": countries}
    t.update({"share_min": lo, "share_max": hi, "published": published, "basis": basis,
              "locator": locator})
    if shared_with:
        t["shared_with"] = shared_with
    if note:
        t["note"] = note
    return t


MERGED = "Cell spanning the group-1 and group-2 columns of Table 2.1: a share over both groups"
TYPICAL = ("A typical value of the group, read as: at least half of its clusters meet the item "
           "(an interpretation; the table gives no share)")
PROFILES = {
    1: [
        trait(None, 1, 1, "Германия, США, Республика Корея", "table", "lines 3103-3107",
              countries=["DE", "US", "KR"]),
        trait("medtourism_revenue", 1, 1, "ежегодная выручка от медицинского туризма стран их "
              "базирования превышает 1 млрд долл.", "prose", "lines 3254-3264",
              note="Said of the home countries of every group-1 cluster; USD 1 bn is above the "
                   "indicator's USD 500 m"),
        trait("foreign_patients", 1, 1, "численность иностранных пациентов — более 200 тыс. "
              "человек", "prose", "lines 3254-3264",
              note="Said of the home countries of every group-1 cluster"),
        trait("pwc_top10", 1, 1, "стран, входящих в топ-10 экономик мира по доле рынка "
              "медицинского туризма [PwC, 2018а]", "prose", "lines 3191-3195",
              note="Said of the home countries of every group-1 cluster"),
        trait("specialisation.rd_biomedicine", 1, 1, "ИиР в биомедицине (100% кластеров)",
              "table", "lines 3111-3112", shared_with=[2], note=MERGED),
        trait("specialisation.medical_services", 0.55, 1, "медицинские услуги: реабилитация и "
              "лечение (более 55%)", "table", "lines 3111-3112", shared_with=[2], note=MERGED),
        trait("size", 0.5, 1, "Более 100 организаций", "table", "line 3147", shared_with=[2],
              note=TYPICAL),
        trait("innovation_infrastructure", 0.6, 1, "Развитая инновационная инфраструктура "
              "(более 60%)", "table", "lines 3153-3154", shared_with=[2], note=MERGED),
        trait("startups", 0.45, 1, "поддержка стартапов (более 45%)", "table",
              "lines 3153-3154", shared_with=[2],
              note=MERGED + "; 'start-up support' read on the item 'two or more startups'"),
        trait("ppp_governance", 0.7, 0.7, "Органы государственной власти чаще участвуют в "
              "управлении кластером (70%)", "table", "lines 3172-3175"),
    ],
    2: [
        trait("specialisation.rd_biomedicine", 1, 1, "ИиР в биомедицине (100% кластеров)",
              "table", "lines 3111-3112", shared_with=[1], note=MERGED),
        trait("specialisation.medical_services", 0.55, 1, "медицинские услуги: реабилитация и "
              "лечение (более 55%)", "table", "lines 3111-3112", shared_with=[1], note=MERGED),
        trait("size", 0.5, 1, "Более 100 организаций", "table", "line 3147", shared_with=[1],
              note=TYPICAL),
        trait("innovation_infrastructure", 0.6, 1, "Развитая инновационная инфраструктура "
              "(более 60%)", "table", "lines 3153-3154", shared_with=[1], note=MERGED),
        trait("startups", 0.45, 1, "поддержка стартапов (более 45%)", "table",
              "lines 3153-3154", shared_with=[1],
              note=MERGED + "; 'start-up support' read on the item 'two or more startups'"),
        trait("ppp_governance", 0, 0.5, "Преимущественно независимые от государства органы "
              "управления", "table", "lines 3177-3178", shared_with=[3],
              note="'Mostly independent of the state' read as: at most half of the clusters "
                   "have authorities in their governance"),
        trait("bloomberg_efficiency", 2 / 3, 1, "более двух третей кластеров расположены в "
              "государствах, имеющих высокий рейтинг эффективности системы здравоохранения "
              "[Bloomberg, 2014]", "prose", "lines 3270-3284",
              note="'A high rating' read as the indicator's top 20"),
    ],
    3: [
        trait("specialisation.medical_services", 0.9, 0.9, "Медицинские услуги: реабилитация и "
              "лечение (90%)", "table", "lines 3114-3117"),
        trait("specialisation.rd_biomedicine", 0.3, 0.3, "ИиР в биомедицине (30%)", "table",
              "lines 3114-3117"),
        trait("size", 0, 0.5, "Менее 100 организаций", "table", "lines 3147-3148",
              note="A typical value of the group, read as: at most half of its clusters have "
                   "100 organisations or more (an interpretation; the table gives no share)"),
        trait("startups", 0, 0.5, "поддержка стартапов в отдельных кластерах", "table",
              "lines 3156-3159", note="'In some clusters' read as: at most half"),
        trait("ppp_governance", 0, 0.5, "Преимущественно независимые от государства органы "
              "управления", "table", "lines 3177-3178", shared_with=[2],
              note="'Mostly independent of the state' read as: at most half of the clusters "
                   "have authorities in their governance"),
    ],
}


def reference_groups(all_clusters):
    out = dict(REFERENCE)
    out["groups"] = [dict(g, profile=PROFILES[g["id"]]) for g in REFERENCE["groups"]]
    rows = []
    assigned = {a[0] for a in ASSIGN}
    for key, group, basis, evidence, locator in ASSIGN:
        rows.append({"cluster": key, "group": group, "basis": basis, "evidence": evidence,
                     "locator": locator, "target_models": TARGET_MODELS.get(key, [])})
    for c in all_clusters:
        k = c["key"]
        if k in assigned:
            continue
        if k in UNASSIGNED:
            ev = UNASSIGNED[k]
        else:
            ev = "Russian cluster from the observatory documents; outside the HSE typology"
        rows.append({"cluster": k, "group": None, "basis": "not_assigned", "evidence": ev,
                     "target_models": []})
    out["assignments"] = rows
    return out


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------
def dump_registry(path, kinds):
    """One record per line, so that diffs stay readable."""
    lines = ["{", '  "format": "clusterscope-registry",', '  "version": 1']
    for kind, recs in kinds:
        if not recs:
            continue
        lines[-1] += ","
        lines.append(f'  "{kind}": [')
        body = [("    " + json.dumps(r, ensure_ascii=False, separators=(", ", ": ")))
                for r in recs]
        lines.append(",\n".join(body))
        lines.append("  ]")
    lines.append("}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "data"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)

    countries = [{"code": c, "name_en": en, "name_ru": ru} for c, en, ru in COUNTRIES]
    regions = [region_record(k, c, en, ru) for k, c, en, ru in REGIONS]
    dump_registry(os.path.join(out, "sources.json"), [("sources", SOURCES)])
    dump_registry(os.path.join(out, "countries.json"),
                  [("countries", countries), ("regions", regions), ("facts", FACTS["country"])])
    dump_registry(os.path.join(out, "hse-biomedical-clusters.json"),
                  [("clusters", HSE_CLUSTERS), ("organisations", ORGS["hse"]),
                   ("memberships", MEMBERS["hse"]), ("facts", FACTS["hse"])])
    dump_registry(os.path.join(out, "russian-clusters.json"),
                  [("clusters", RU_CLUSTERS), ("organisations", ORGS["ru"]),
                   ("memberships", MEMBERS["ru"]), ("facts", FACTS["ru"])])
    os.makedirs(os.path.join(out, "development"), exist_ok=True)
    dump_registry(os.path.join(out, "development", "development.json"),
                  [(kind, DEV[kind]) for kind in DEV_COLUMNS])
    # the news of seeds 001 and 002 and the digest issue 12 (issue 15; tables in news.py)
    os.makedirs(os.path.join(out, "news"), exist_ok=True)
    dump_registry(os.path.join(out, "news", "digest-2019-12.json"), news.news_document())
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    with open(os.path.join(out, "reference", "reference-groups.json"), "w", encoding="utf-8",
              newline="\n") as f:
        json.dump(with_success_factors(reference_groups(HSE_CLUSTERS + RU_CLUSTERS)), f,
                  ensure_ascii=False, indent=1)
        f.write("\n")



# --------------------------------------------------------------------------------------
# Target models and success factors (Table 2.2 lines 3486-4076; chapter 3 lines 4113-8523)
# --------------------------------------------------------------------------------------
# Self-contained: reference_groups() output gains the members "evidence_method", "factors" and
# "cases", and each target model its description, the groups it fits and its evidence indicator.
# Evidence rules are the indicators of methods/hse-success-factors-2019.json (data, not code).
EVIDENCE_METHOD = "hse-success-factors-2019"

TM_DETAILS = {
    1: {"task_en": "Raise the region's competitiveness and investment appeal by concentrating public "
                   "and private resources; the cluster organisation is a regional development "
                   "institution that guides members through state support, gives science, care "
                   "providers, firms, universities and the regional authorities one communication "
                   "platform and helps attract investment into joint projects.",
        "task_ru": "Повысить конкурентоспособность и инвестиционную привлекательность региона, "
                   "сосредоточив государственные и частные ресурсы; кластерная организация — "
                   "региональный институт развития: навигация по мерам господдержки, единая "
                   "коммуникационная площадка, привлечение инвестиций в совместные проекты.",
        "priority_locator": "lines 3614-3712",
        "groups": [1, 2, 3], "groups_locator": "lines 3630-3640",
        "groups_quote": "Данная модель может быть характерна для всех трех групп",
        "evidence": "tm1_regional"},
    2: {"task_en": "Put research into clinical practice and into use by pharmaceutical and "
                   "biotechnology companies: the cluster creates the conditions for science and "
                   "business to transfer technology.",
        "task_ru": "Внедрять результаты исследований в клиническую практику и в работу "
                   "фармацевтических и биотехнологических компаний: кластер создает условия для "
                   "трансфера технологий между наукой и бизнесом.",
        "priority_locator": "lines 3834-3860",
        "groups": [2], "groups_locator": "lines 3858-3868",
        "groups_quote": "по такой модели формировались преимущественно кластеры мировых "
                        "биомедицинских исследований (вторая группа)",
        "evidence": "tm2_transfer"},
    3: {"task_en": "Join medical and pharmaceutical companies, research organisations and "
                   "universities in a global partnership network: events, mentoring and "
                   "international platforms to find partners for joint R&D and its "
                   "commercialisation.",
        "task_ru": "Объединить медицинские и фармацевтические компании, научные организации и "
                   "вузы в глобальную партнерскую сеть: мероприятия, наставничество и "
                   "международные площадки для поиска партнеров по ИиР и коммерциализации.",
        "priority_locator": "lines 3937-4025",
        "groups": [1, 2], "groups_locator": "lines 3937-3947",
        "groups_quote": "Данная целевая модель характерна для глобальных кластеров "
                        "высокотехнологичной медицины и кластеров мировых биомедицинских "
                        "исследований",
        "evidence": "tm3_network"},
    4: {"task_en": "Organise mostly private clinics, tourism and insurance companies so that the "
                   "services of one chain cost less; universities are rarely members, mostly "
                   "external partners.",
        "task_ru": "Организовать взаимодействие преимущественно частных клиник, туристических и "
                   "страховых компаний, чтобы снизить издержки услуг одной цепочки; вузы редко "
                   "входят в кластер, чаще как внешние партнеры.",
        "priority_locator": "lines 4026-4044",
        "groups": [3], "groups_locator": "lines 4042-4048",
        "groups_quote": "Подобная целевая модель целиком соответствует кластерам международного "
                        "медицинского туризма",
        "evidence": "tm4_integrated"},
}

# (id, heading as printed, English name, heading locator, chapter range, preface quote,
#  preface locator, practices en, practices ru, evidence indicator or None, why none)
FACTORS_ = [
    (1, "Коммуникация как главная ценность", "Communication as the main value", "lines 4200-4202",
     "lines 4162-4919", "плотная коммуникационная повестка", "lines 457-470",
     "Personal meetings, a joint brand and its promotion, events, information materials, shared "
     "databases and online platforms; communication is the managing company's key function.",
     "Личные встречи, общий бренд и его продвижение, мероприятия, информационные материалы, "
     "общие базы данных и онлайн-платформы; коммуникация — ключевая функция управляющей "
     "компании.", "f1_communication", None),
    (2, "Междисциплинарное взаимодействие", "Interdisciplinary interaction", "lines 4920-4923",
     "lines 4920-5392", "межотраслевое сотрудничество", "lines 476-501",
     "Combining the scientific, technological and social competences of patients, doctors, "
     "researchers and entrepreneurs; new activities at the interfaces of care, pharmaceuticals, "
     "medical technology, food, construction and ICT.",
     "Сочетание научных, технологических и социальных компетенций пациентов, врачей, "
     "исследователей и предпринимателей; новые виды деятельности на стыке здравоохранения, "
     "фармацевтики, медтехники, пищевой промышленности, строительства и ИКТ.",
     "f2_interdisciplinary", None),
    (3, "Партнерство в управлении", "Partnership in governance", "lines 5393-5395",
     "lines 5393-6073", "партнерство в управлении, которое позволяет уравновешивать интересы "
     "ключевых участников", "lines 503-523",
     "Multi-level management: a cluster council of healthcare, business, science, education and "
     "government; an expert committee that assesses projects; a managing company for operations.",
     "Многоуровневое управление: совет кластера из представителей здравоохранения, бизнеса, "
     "науки, образования и власти; экспертный комитет для оценки проектов; управляющая компания "
     "для оперативной работы.", "f3_partnership", None),
    (4, "Поддержка со стороны региональных властей", "Support from the regional authorities",
     "lines 6074-6077", "lines 6074-6633", "поддержка со стороны региональных властей",
     "lines 525-546",
     "The region is the institutional base and often the main start-up funder of the cluster "
     "organisation; also non-financial support: access to national government, drafting "
     "regulations and healthcare programmes, preferential access to infrastructure.",
     "Регион — институциональная база и часто главный источник стартового финансирования "
     "кластерной организации; нефинансовая поддержка: выход на национальное правительство, "
     "участие в разработке регулирования и программ, льготный доступ к инфраструктуре.",
     "f4_regional", None),
    (5, "Признание кластера на национальном уровне", "Recognition of the cluster at the national "
     "level", "lines 6634-6637", "lines 6634-7345", "признание на национальном уровне",
     "lines 548-563",
     "Managing companies and members sit on expert commissions and act as consultants or "
     "co-implementers of national projects and programmes; health regulation is national.",
     "Управляющие компании и участники входят в экспертные комиссии, консультируют и "
     "участвуют в реализации национальных проектов и программ; регулирование здравоохранения "
     "национальное.", None,
     "No recorded fact says that national authorities treat the cluster as an expert or bring it "
     "into national projects; collaboration with public bodies does not tell national from "
     "regional."),
    (6, "Вовлечение врачей и пациентов", "Involving doctors and patients", "lines 7346-7348",
     "lines 7346-7842", "вовлечение докторов и пациентов в создание и тестирование инноваций",
     "lines 565-582",
     "End users develop and test innovations (contests, hackathons, living labs), which helps "
     "overcome regulation and the conservatism of doctors and patients.",
     "Конечные пользователи участвуют в разработке и тестировании инноваций (конкурсы, "
     "хакатоны, живые лаборатории), что помогает преодолеть регулирование и консерватизм врачей "
     "и пациентов.", "f6_doctors_patients", None),
    (7, "Комплексный подход к поддержке инноваций: инфраструктура, стартапы, университеты",
     "A comprehensive approach to supporting innovation: infrastructure, startups, universities",
     "lines 7843-7847", "lines 7843-8523", "комплексный подход к поддержке инноваций",
     "lines 588-599",
     "Basic and specialised infrastructure and agreements with world-class facilities; perks for "
     "startups (no membership fee, free services); universities almost always members, sometimes "
     "founders.",
     "Базовая и специализированная инфраструктура и соглашения с объектами мирового уровня; "
     "льготы для стартапов (без членских взносов, бесплатные услуги); университеты почти всегда "
     "участники, иногда инициаторы.", "f7_innovation", None),
]

# (factor, cluster, title as printed, locator of the story, summary en, summary ru)
CASES = [
    (1, MV, "В сетях кластера", "lines 4208-4362",
     "25-30 events a year and thematic networks: an executive club, oncology, medtech and, since "
     "2018, microbiome.",
     "25-30 мероприятий в год и тематические сети: клуб руководителей, онкология, медтехника, "
     "с 2018 г. микробиом."),
    (1, HVN, "Экосистема коммуникаций", "lines 4366-4523",
     "Members grew from 110 to 270 in five years; more than 30 member meetings a year, EU "
     "co-funded projects and an online platform.",
     "Число членов выросло со 110 до 270 за пять лет; более 30 встреч в год, проекты с "
     "софинансированием ЕС и онлайн-платформа."),
    (1, HC, "От слов — к проектам", "lines 4524-4632",
     "Small partner groups turn ideas into joint projects: 118 projects worth EUR 220.53 m in "
     "2011-2017.",
     "Небольшие группы партнеров превращают идеи в совместные проекты: 118 проектов на 220,53 млн "
     "евро в 2011-2017 гг."),
    (1, LSN, "Добро пожаловать в группу!", "lines 4633-4746",
     "The LSN XCHANGE portal works like a social network with thematic working groups and "
     "member and job databases.",
     "Портал LSN XCHANGE работает как социальная сеть с тематическими рабочими группами и базами "
     "участников и вакансий."),
    (1, HT, "Индивидуальный подход", "lines 4750-4775",
     "Informal meetings grow into projects; thematic events such as data protection in "
     "hospitals.",
     "Неформальные встречи перерастают в проекты; тематические мероприятия, например о защите "
     "данных в больницах."),
    (1, LC, "Один кластер — один бренд", "lines 4776-4916",
     "An EU grant paid for the brand and marketing at the start; one marketing strategy along "
     "the patient's journey.",
     "Грант ЕС на старте оплатил бренд и маркетинг; единая маркетинговая стратегия по всему пути "
     "пациента."),
    (2, HC, "Здравоохранение под зонтиком кластера", "lines 4956-5114",
     "An umbrella without formal membership: more than 500 firms, 25 universities, 130 "
     "hospitals; projects such as the STEMO stroke ambulance.",
     "«Зонтик» без формального членства: более 500 компаний, 25 университетов, 130 больниц; "
     "проекты вроде инсультной скорой STEMO."),
    (2, LC, "Одно окно", "lines 5115-5199",
     "Private clinics, spas, sanatoria, hotels and travel firms; any member sells the whole "
     "package of treatment and stay.",
     "Частные клиники, СПА, санатории, гостиницы и турфирмы; любой участник продает весь пакет "
     "лечения и проживания."),
    (2, HT, "Связаны в одну цепочку", "lines 5200-5291",
     "More than 250 members and partners along the whole value chain, 13 of them abroad.",
     "Более 250 членов и партнеров по всей цепочке создания стоимости, 13 из них за рубежом."),
    (2, CH_, "Услышать каждого", "lines 5295-5391",
     "More than 80 startups, IT and biomedical firms with universities, ministries, hospitals and "
     "patient organisations.",
     "Более 80 стартапов, ИТ- и биомедицинских компаний вместе с университетами, министерствами, "
     "больницами и пациентскими организациями."),
    (3, HVN, "Сотрудничать как никогда раньше", "lines 5447-5538",
     "A council of universities, hospitals, a patients' association, three companies and the "
     "regional development agency.",
     "Совет из университетов, больниц, ассоциации пациентов, трех компаний и регионального "
     "агентства развития."),
    (3, HC, "Баланс интересов", "lines 5539-5703",
     "Parity management by the two states' agencies; a council of 25 members; 70% regional "
     "funding, no membership fees.",
     "Паритетное управление агентствами двух земель; совет из 25 членов; 70% регионального "
     "финансирования, без членских взносов."),
    (3, LSN, "Государственно-частное партнерство в управлении", "lines 5704-5796",
     "Two states hold 80% of the management company, the members' association 20%.",
     "Две земли владеют 80% управляющей компании, ассоциация участников — 20%."),
    (3, EU, "Три в одном", "lines 5800-5932",
     "A technology-transfer centre, business park and cluster organisation governed by five "
     "colleges.",
     "Центр трансфера технологий, бизнес-парк и кластерная организация, управляемая пятью "
     "коллегиями."),
    (3, CH_, "Менеджмент поддержки", "lines 5936-6070",
     "A team of three in the science park runs an EU grant: nine joint projects of at least "
     "three members each.",
     "Команда из трех человек в научном парке ведет грант ЕС: девять совместных проектов не менее "
     "чем трех участников."),
    (4, MV, "Проект ReproUnion: один успех двух регионов", "lines 6114-6394",
     "Two regional governments back cross-border projects such as ReproUnion (13 clinics and "
     "research organisations).",
     "Правительства двух регионов поддерживают трансграничные проекты, например ReproUnion "
     "(13 клиник и научных организаций)."),
    (4, HVN, "Вершины треугольника", "lines 6398-6497",
     "90% budget funding at the start; a regional subsidy still pays the staff.",
     "На старте 90% бюджетного финансирования; региональная субсидия по-прежнему оплачивает "
     "персонал."),
    (4, EU, "Миссия — помогать всем участникам региональной экосистемы", "lines 6499-6588",
     "Founded on the regional budget alone; now public and private money about 3:2.",
     "Создан полностью на средства регионального бюджета; сейчас государственные и частные "
     "средства примерно 3:2."),
    (4, HT, "Конфедерация медицины", "lines 6589-6632",
     "Founded by the canton of Schwyz; grew from a regional initiative into a national cluster.",
     "Основан кантоном Швиц; вырос из региональной инициативы в национальный кластер."),
    (5, MV, "Соперничество — проигрыш, сотрудничество — выигрыш", "lines 6671-6878",
     "Without central support: losing EMA through rivalry, winning ESS through a joint bid.",
     "Без центральной поддержки: потеря EMA из-за соперничества, победа с ESS благодаря "
     "совместной заявке."),
    (5, HVN, "Вместе на пути к электронному здравоохранению", "lines 6882-7046",
     "One of three pilot brokers of the health ministry's 2017 e-health initiative.",
     "Один из трех пилотных брокеров инициативы министерства здравоохранения по электронному "
     "здравоохранению 2017 г."),
    (5, CH_, "Национальное партнерство для развития цифровой медицины", "lines 7047-7251",
     "A national initiative with ministries and the health insurance fund among members.",
     "Национальная инициатива; среди участников министерства и фонд медицинского страхования."),
    (5, IST, "Кластер как национальная инициатива", "lines 7252-7345",
     "Created with funding from the Ministry of Industry and Technology (EUR 2.5 m expected for "
     "2017-2022).",
     "Создан при финансировании Министерства промышленности и технологий (ожидается 2,5 млн "
     "евро на 2017-2022 гг.)."),
    (6, EU, "Что у вас болит?", "lines 7375-7652",
     "Hospitals set e-health problems for IT firms in annual contests; idea contests for nurses; "
     "Silver Surfer.",
     "Больницы ставят задачи электронного здравоохранения ИТ-компаниям в ежегодных конкурсах; "
     "конкурсы идей для медсестер; Silver Surfer."),
    (6, CH_, "Мы хотим разработать решения не для вас, а вместе с вами!", "lines 7655-7814",
     "Patient organisations as partners, clinics as living labs, the HIVdigital contest.",
     "Пациентские организации — партнеры, клиники — живые лаборатории, конкурс HIVdigital."),
    (6, HVN, "FieldLabs: пациенты и технологии в основе здравоохранения", "lines 7818-7842",
     "Hospitals and disability-care members let patients and doctors assess innovations "
     "directly (the story's text is missing).",
     "Больницы и организации ухода позволяют пациентам и врачам напрямую оценивать инновации "
     "(текст истории отсутствует)."),
    (7, MV, "Эресуннский мост: две страны — один медицинский кластер", "lines 7888-8012",
     "The bridge preceded the cluster; six science parks and about 800 daily commuters.",
     "Мост появился раньше кластера; шесть научных парков и около 800 ежедневных поездок на "
     "работу."),
    (7, HC, "Центр сосредоточения инновационной инфраструктуры", "lines 8013-8147",
     "More than 60 innovation-infrastructure objects: accelerators, incubators, 8 technoparks.",
     "Более 60 объектов инновационной инфраструктуры: акселераторы, инкубаторы, 8 технопарков."),
    (7, EU, "Eurasanté Bio Incubator: от стартапов к глобальным компаниям", "lines 8151-8332",
     "An incubator since 2000: more than 140 projects, 75 companies, more than 500 jobs.",
     "Инкубатор с 2000 г.: более 140 проектов, 75 компаний, более 500 рабочих мест."),
    (7, MV, "Университеты — отцы-основатели кластера", "lines 8338-8425",
     "Nine universities in two countries; first named Medicon Valley Academy.",
     "Девять университетов в двух странах; сначала назывался Medicon Valley Academy."),
    (7, IST, "Университет — колыбель кластера", "lines 8427-8523",
     "Grew from the Boğaziçi University life-sciences research centre; 19 university research "
     "units.",
     "Вырос из центра исследований в науках о жизни Университета Богазичи; 19 университетских "
     "исследовательских подразделений."),
]


def with_success_factors(doc):
    """reference_groups() output with the target models described and the success factors."""
    out = dict(doc)
    out["evidence_method"] = EVIDENCE_METHOD
    out["target_models"] = [dict(m, **TM_DETAILS[m["id"]]) for m in doc["target_models"]]
    factors = []
    for (fid, name_ru, name_en, heading, chapter, preface, preface_loc, pr_en, pr_ru, ev,
         none) in FACTORS_:
        f = {"id": fid, "name_ru": name_ru, "name_en": name_en, "heading_locator": heading,
             "locator": chapter, "preface_ru": preface, "preface_locator": preface_loc,
             "practices_en": pr_en, "practices_ru": pr_ru, "evidence": ev}
        if none:
            f["no_evidence"] = none
        factors.append(f)
    out["factors"] = factors
    out["cases"] = [{"factor": f, "cluster": c, "title_ru": t, "locator": loc, "summary_en": en,
                     "summary_ru": ru} for f, c, t, loc, en, ru in CASES]
    return out


if __name__ == "__main__":
    main()
