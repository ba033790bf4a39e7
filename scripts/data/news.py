"""The bundled news of seeds 001 and 002 (issue 15): the curated tables that build.py writes to
data/news/digest-2019-12.json.

Seed 001 is the Russian Cluster Observatory's news digest «Территориальные кластеры», issue 12,
December 2019 (source rko-digest-2019-12); seed 002 is an HSE news page in English (source
hse-news-medtech-cluster). Both sources are records of data/sources.json; this file refers to
them and does not repeat them.

What is kept of each published item: its title as published (the table of contents' wording,
which the heading repeats in capitals), the outlet of its «Источник:» line, a summary in the
project's own words in English and Russian (two or three sentences), one sentence quoted
verbatim (quote) within the seed lines its locator names, and, where the seed prints a one-line
italic lead, that lead. Never the articles' bodies: body and box stay empty, an interview's
answers are paraphrased in one or two sentences. What the seeds do not state is absent, never
guessed: most items carry only the digest's month as their date, and each note says so.
"""

DIGEST = "rko-digest-2019-12"
PAGE = "hse-news-medtech-cluster"

# Column order of the contract (docs/formats.md, issue 15): JSON members = CSV headers.
NEWS_COLUMNS = {
    "news": ("key", "kind", "date", "lang", "title", "title_en", "title_ru", "lead", "body", "box",
             "summary_en", "summary_ru", "series", "series_number", "file_url", "file_format",
             "file_bytes", "outlet", "url", "source", "locator", "quote", "note"),
    "news_qa": ("item", "position", "question", "answer"),
    "news_links": ("item", "target_kind", "target_key"),
    "digests": ("number", "month", "publisher", "title_ru", "title_en", "subtitle_ru",
                "subtitle_en", "source", "locator", "note"),
    "digest_texts": ("issue", "part", "lang", "text"),
    "digest_entries": ("issue", "position", "item"),
}

MONTH_ONLY = ("Date: the digest's month (issue 12, December 2019); the item's own date is not "
              "stated.")
SERIES = "Наука, технологии, инновации"

# (record, links): links as (target_kind, target_key), each a record of the bundled registry
ITEMS = []


def item(links, **r):
    ITEMS.append((r, links))


# --------------------------------------------------------------------------------------
# Seed 001, section «События» (lines 146-549), in the order of the table of contents
# --------------------------------------------------------------------------------------
item([("cluster", "angara-yenisei"), ("region", "ru-angara-yenisei"),
      ("region", "ru-krasnoyarsk")],
     key="rko-2019-12-kef-yenisei-siberia", kind="event", date="2019-12", lang="ru",
     title="КИП «Енисейская Сибирь» верстает программу Красноярского экономического форума",
     title_en="The Yenisei Siberia investment project drafts the programme of the Krasnoyarsk "
              "Economic Forum",
     summary_en="The expert council of the Krasnoyarsk Economic Forum met in Moscow under "
                "Governor Alexander Uss to shape the business programme of the 17th forum, to "
                "be held in Krasnoyarsk on 19-21 March 2020. The forum is to prepare proposals "
                "for new state support of the Yenisei Siberia complex investment project and for "
                "the investment potential of the Angara-Yenisei cluster, and to discuss an "
                "expected presidential decree on the Angara-Yenisei macro-region.",
     summary_ru="Экспертный совет Красноярского экономического форума под председательством "
                "губернатора Александра Усса обсудил в Москве деловую программу XVII форума, "
                "который пройдет в Красноярске 19–21 марта 2020 года. На форуме подготовят "
                "предложения о новых мерах господдержки КИП «Енисейская Сибирь» и об "
                "инвестиционном потенциале Ангаро-Енисейского кластера и обсудят ожидаемый указ "
                "Президента о развитии Ангаро-Енисейского макрорегиона.",
     outlet="19 RUS", source=DIGEST, locator="lines 148-182",
     quote="Семнадцатый Красноярский экономический форум «Проекты развития – энергия роста» "
           "пройдет в столице края с 19 по 21 марта 2020 года.",
     note=MONTH_ONLY + " The table of contents (line 119, page 4) prints the title with straight "
          "quotes, the heading (line 148) with «»; the heading's are kept. КИП «Енисейская "
          "Сибирь» is a complex investment project, not a cluster, and has no record; the item "
          "concerns the Angara-Yenisei cluster (line 158): about 30 events of the business "
          "programme and more than 120 projects (line 174).")

item([("cluster", "samara-medical"), ("cluster", "samara-medpharm"), ("region", "ru-samara"),
      ("organisation", "national-council-medical-tourism"), ("organisation", "samgmu"),
      ("organisation", "samara-health-ministry")],
     key="rko-2019-12-samara-medical-export", kind="event", date="2019-12", lang="ru",
     title="В Самаре обсуждают развитие экспорта медицинских услуг",
     title_en="Samara discusses the export of medical services",
     lead="На конференцию Volga Medical Tourism-2019 в гостинице «Лотте» собрались представители "
          "агентств медицинского туризма из США, Сербии, Испании, Швейцарии, с Кипра и других "
          "стран.",
     summary_en="At the Volga Medical Tourism-2019 conference in Samara the National Council "
                "for Medical Tourism reported that Samara Oblast, together with 71 other regions, "
                "is in the federal project on the export of medical services and, by an "
                "assessment made with HSE, among the ten most promising regions. Governor "
                "Dmitry Azarov asked the regional government to promote the Samara medical "
                "cluster abroad and named a cluster of medical and pharmaceutical technologies "
                "as another point of growth.",
     summary_ru="На конференции Volga Medical Tourism-2019 в Самаре Национальный совет по "
                "медицинскому туризму сообщил, что Самарская область вместе с 71 регионом вошла "
                "в федеральный проект развития экспорта медицинских услуг и, по оценке, "
                "проведенной совместно с ВШЭ, — в десятку самых перспективных регионов. "
                "Губернатор Дмитрий Азаров поручил продвигать самарский медицинский кластер на "
                "внешних рынках и назвал точкой роста кластер медицинских и фармацевтических "
                "технологий.",
     outlet="ВК онлайн", source=DIGEST, locator="lines 184-220",
     quote="Наша губерния попала в топ-10 регионов, перспективных в плане развития медицинского "
           "туризма, экспорта медицинских услуг и привлечения иностранных пациентов.",
     note=MONTH_ONLY + " The conference's date is not stated either; the memorandum of the "
          "regional health ministry, СамГМУ and the National Council for Medical Tourism was "
          "signed 'yesterday' (line 218).")

item([("cluster", "kaliningrad-amber"), ("region", "ru-kaliningrad"),
      ("programme", "ru-industrial-cluster-registry"),
      ("organisation", "amber-cluster-association"),
      ("organisation", "kaliningrad-amber-combine"), ("organisation", "darvin")],
     key="rko-2019-12-amber-cluster-balance", kind="event", date="2019-12", lang="ru",
     title="Янтарный промышленный кластер: выстраивание отраслевого баланса",
     title_en="The amber industrial cluster: balancing the industry",
     summary_en="An article on the amber industrial cluster of Kaliningrad Oblast, entered in "
                "the Ministry of Industry and Trade's register of industrial clusters on 26 "
                "March 2019: 30 enterprises and sole traders, with the Kaliningrad Amber Combine "
                "as anchor. It describes the imbalance between amber extraction and processing "
                "after large raw-amber exports to China, the members' proposals (among them a "
                "40% export duty on raw amber), the cluster's sites and digital plans, and the "
                "Wrangel Tower project approved on 10 December 2019.",
     summary_ru="Статья о янтарном промышленном кластере Калининградской области, 26 марта "
                "2019 года включенном в реестр промышленных кластеров Минпромторга России: 30 "
                "предприятий и индивидуальных предпринимателей, якорное предприятие — "
                "Калининградский янтарный комбинат. В ней описаны дисбаланс между добычей и "
                "переработкой янтаря после крупных поставок сырья в Китай, предложения "
                "участников (в том числе вывозная пошлина 40% на янтарное сырье), площадки и "
                "цифровые планы кластера и проект Башни Врангеля, одобренный 10 декабря 2019 "
                "года.",
     outlet="Ювелир.INFO", source=DIGEST, locator="lines 224-384",
     quote="26 марта 2019 года янтарный промышленный кластер включен в реестр промышленных "
           "кластеров Министерства промышленности и торговли РФ и стал первым официальным "
           "промышленным кластером Калининградской области.",
     note=MONTH_ONLY + " The article reports a decision of 10 December 2019 (line 362). Its "
          "italic lead (line 226) is two long sentences and is not kept. The 40% duty is a "
          "proposal of СРО «Янтарь» (line 294), which has no record.")

item([("cluster", "moscow-innovation-cluster"), ("region", "ru-moscow"),
      ("organisation", "mic-fund")],
     key="rko-2019-12-sobyanin-mic-support", kind="event", date="2019-12", lang="ru",
     title="Собянин утвердил финансовую поддержку инновационному кластеру",
     title_en="Sobyanin approves financial support for the innovation cluster",
     summary_en="Moscow's mayor Sergei Sobyanin approved the procedure of financial support for "
                "participants of the Moscow Innovation Cluster (MIC): money for the "
                "infrastructure of complex innovation projects and compensation of the interest "
                "on funds borrowed for it. The cluster was launched in April; more than 20,000 "
                "Moscow technology organisations are to join it at the initial stage.",
     summary_ru="Сергей Собянин утвердил порядок финансовой поддержки участников Московского "
                "инновационного кластера (МИК): средства на инфраструктуру комплексных "
                "инновационных проектов и компенсацию процентов по привлеченным на нее "
                "средствам. Кластер запущен в апреле; на начальном этапе в него войдут более 20 "
                "тысяч московских технологических организаций.",
     outlet="Москва 24", source=DIGEST, locator="lines 388-401",
     quote="Сергей Собянин утвердил порядок оказания финансовой поддержки участникам "
           "«Московского инновационного кластера» (МИК).",
     note=MONTH_ONLY + " The resolution's date is not stated. The fund «Инновационный кластер "
          "Москвы» held its first supervisory board meeting on 15 July (line 397). The italic "
          "lead (line 390) is two sentences with a quotation and is not kept.")

item([("cluster", "moscow-innovation-cluster"), ("region", "ru-moscow"),
      ("organisation", "tsniichermet")],
     key="rko-2019-12-tsniichermet-joins-mic", kind="event", date="2019-12", lang="ru",
     title="Центр металлургических технологий присоединился к Московскому инновационному "
           "кластеру",
     title_en="A centre of metallurgical technologies joins the Moscow Innovation Cluster",
     summary_en="The Bardin Central Research Institute of Ferrous Metallurgy (TsNIIchermet) "
                "registered on i.moscow, the digital platform of the Moscow Innovation Cluster. "
                "Registered organisations get wider access to more than 190 support measures of "
                "Moscow, the federal authorities and development institutions; the cluster has "
                "more than 600 participants.",
     summary_ru="ЦНИИчермет им. И.П. Бардина зарегистрировался на цифровой платформе "
                "Московского инновационного кластера i.moscow. Зарегистрированные организации "
                "получают доступ к более чем 190 мерам поддержки Москвы, федеральных органов "
                "власти и институтов развития; участников кластера — более 600.",
     outlet="ДПИР города Москвы", source=DIGEST, locator="lines 403-428",
     quote="ФГУП «ЦНИИчермет имени И.П. БАРДИНА» - один из ведущих научных центров в области "
           "создания, внедрения и развития металлургических технологий - зарегистрировался на "
           "цифровой платформе i.moscow.",
     note=MONTH_ONLY + " The «Справочно» box (lines 419-426) describes the cluster and names "
          "participants; it is not kept (its figures are in the summary).")

item([("cluster", "voronezh-composite"), ("region", "ru-voronezh"),
      ("organisation", "ik-maslovsky"), ("organisation", "aerospace-composite-technologies")],
     key="rko-2019-12-voronezh-composite-cluster", kind="event", date="2019-12", lang="ru",
     title="В Воронеже появится целый кластер композитных материалов",
     title_en="A whole cluster of composite materials to appear in Voronezh",
     summary_en="Voronezh Oblast is to host a cluster of composite materials of two companies, "
                "IK Maslovsky (Lamplex Composite) and Aerospace Composite Technologies, which "
                "will make hull elements of the reusable Argo spacecraft and composite "
                "structures for small aircraft. Investment in the cluster until 2023 is "
                "estimated at more than 5 billion roubles, and VGTU is to open a department of "
                "composite materials.",
     summary_ru="В Воронежской области появится кластер композитных материалов из двух "
                "компаний — ООО «ИК Масловский» («Ламплекс композит») и ООО «Аэрокосмические "
                "композитные технологии»: они будут делать корпусные элементы многоразовых "
                "космических кораблей «Арго» и композитные конструкции для малой авиации. "
                "Инвестиции в кластер до 2023 года оцениваются более чем в 5 млрд рублей; в "
                "ВГТУ будет создана кафедра композитных материалов.",
     outlet="Блокнот Воронеж", source=DIGEST, locator="lines 430-450",
     quote="По предварительным оценкам, общий объем инвестиций в кластер до 2023 года составит "
           "больше 5 млрд рублей.",
     note=MONTH_ONLY + " Lamplex Composite became a resident of the special economic zone "
          "«Центр» in July (line 442).")

item([("cluster", "udmurtia-flax"), ("region", "ru-udmurtia")],
     key="rko-2019-12-udmurtia-flax", kind="event", date="2019-12", lang="ru",
     title="Глава Удмуртии предложил Путину решение для развития льноводства",
     title_en="The head of Udmurtia proposes to Putin a solution for flax growing",
     summary_en="At a State Council meeting held by President Putin the head of Udmurtia, "
                "Alexander Brechalov, proposed regional cooperative flax clusters equipped with "
                "competitive production and processing technology, with the republic as a pilot "
                "region. Two Udmurt enterprises had been supported under the national project "
                "for small and medium-sized business, and the Sharkan flax mill has started "
                "producing cottonised flax fibre.",
     summary_ru="На заседании Госсовета глава Удмуртии Александр Бречалов предложил формировать "
                "региональные кооперативные кластеры в льноводстве с конкурентоспособными "
                "технологиями производства и переработки льна и назвал республику готовым "
                "пилотным регионом. Два удмуртских предприятия получили поддержку по "
                "национальному проекту «Малое и среднее предпринимательство», а Шарканский "
                "льнозавод начал производство котонизированного льноволокна.",
     outlet="REGNUM", source=DIGEST, locator="lines 452-472",
     quote="Глава Удмуртии обратился к президенту с просьбой рассмотреть возможность создания "
           "таких кластеров, республика при этом готова выступить пилотным регионом.",
     note=MONTH_ONLY + " The clusters are a proposal (record udmurtia-flax); this year the "
          "region replaced 'clusterisation' by cooperation (line 458).")

item([("cluster", "dolina-mendeleeva"), ("organisation", "rkhtu-mendeleev"),
      ("organisation", "mendeleev-engineering-centre")],
     key="rko-2019-12-dolina-mendeleeva", kind="event", date="2019-12", lang="ru",
     title="Правительство приняло решение о создании НТЦ «Долина Менделеева»",
     title_en="The government decides to create the science and technology centre «Mendeleev "
              "Valley»",
     summary_en="By resolution No. 1805 of 24 December 2019 the Russian government decided to "
                "create the innovative science and technology centre «Mendeleev Valley», with "
                "the Mendeleev University of Chemical Technology as its initiator. The centre "
                "is to develop small-tonnage and special chemistry and will include a science "
                "and technology cluster, a cluster of supporting infrastructure and a production "
                "cluster; the investment was first estimated at 300 billion roubles, half "
                "private and half public.",
     summary_ru="Постановлением правительства от 24 декабря 2019 года № 1805 решено создать "
                "инновационный научно-технологический центр «Долина Менделеева»; инициатор "
                "проекта — РХТУ им. Д.И. Менделеева. Центр будет развивать малотоннажную и "
                "специальную химию, в него войдут научно-технологический кластер, кластер "
                "поддерживающей инфраструктуры и производственный кластер, а вложения "
                "первоначально оценивались в 300 млрд рублей — поровну частных и "
                "государственных.",
     outlet="Russian Petrochemical Community", source=DIGEST, locator="lines 476-496",
     quote="В «Долину Менделеева» войдет научно-технологический кластер, кластер "
           "поддерживающей инфраструктуры и производственный кластер.",
     note=MONTH_ONLY + " The resolution is dated 24 December 2019 (line 478). The title says "
          "НТЦ, the text ИНТЦ. The centre's three clusters (line 492) have no records of their "
          "own: the registry holds the centre as one record, dolina-mendeleeva; its region is "
          "not stated, so no region is linked.")

item([("cluster", "dolina-dona"), ("region", "ru-rostov"), ("organisation", "mozart-house"),
      ("organisation", "east-european-sommelier-association"),
      ("organisation", "partnery-rostov")],
     key="rko-2019-12-dolina-dona-28", kind="event", date="2019-12", lang="ru",
     title="Число участников ростовского винного кластера «Долина Дона» в 2019г увеличилось "
           "до 28",
     title_en="The Don Valley wine cluster in Rostov grows to 28 participants in 2019",
     lead="Винодельческий кластер «Долина Дона» в Ростовской области в настоящее время "
          "объединяет 28 участников, сообщается на сайте регионального правительства.",
     summary_en="The Don Valley wine cluster of Rostov Oblast now has 28 participants, against "
                "seven when it was started in September 2015. This year's new members include "
                "Mozart House, the East European Association of Sommeliers and Experts and "
                "Partnery.",
     summary_ru="Винодельческий кластер «Долина Дона» в Ростовской области объединяет 28 "
                "участников; при создании кластера в сентябре 2015 года их было семь. В этом "
                "году в него вошли ООО «Моцарт Хаус», НП «Восточно-Европейская Ассоциация "
                "сомелье и экспертов» и ООО «Партнеры».",
     outlet="Интерфакс - Россия", source=DIGEST, locator="lines 498-508",
     quote="Как сообщалось, в сентябре 2015 года, когда было инициировано создание "
           "единственного в России территориального кластера «Долина Дона», к нему "
           "присоединились семь участников.",
     note=MONTH_ONLY)

item([("cluster", "krasnoyarsk-organic"), ("region", "ru-krasnoyarsk"),
      ("organisation", "krasnoyarsk-business-agency")],
     key="rko-2019-12-krasnoyarsk-organic", kind="event", date="2019-12", lang="ru",
     title="В Красноярском крае создан органический кластер",
     title_en="An organic cluster is created in Krasnoyarsk Krai",
     summary_en="Fifteen local producers working with natural raw materials have formed an "
                "organic cluster in Krasnoyarsk Krai, to be curated by the Krasnoyarsk business "
                "development agency. The region promises to compensate part of the cost of "
                "organic certification, and the producers share the brand «Siberia organic».",
     summary_ru="В Красноярском крае пятнадцать местных производителей, работающих с "
                "натуральным сырьем, объединились в органический кластер; курировать его будет "
                "красноярское агентство развития бизнеса. Власти обещают компенсировать часть "
                "расходов на сертификацию, а у производителей есть общий бренд «Siberia "
                "organic».",
     outlet="Казак Зерно", source=DIGEST, locator="lines 512-527",
     quote="Курировать работу кластера будет красноярское агентство развития бизнеса.",
     note=MONTH_ONLY + " The text names its own source as «КазакЗерно.kz» (line 514).")

item([("cluster", "belomorye"), ("region", "ru-murmansk"),
      ("organisation", "murmansk-region-government"),
      ("organisation", "tersky-district-administration"),
      ("organisation", "kandalaksha-district-administration")],
     key="rko-2019-12-umba-tourist-office", kind="event", date="2019-12", lang="ru",
     title="В Умбе откроется фронт-офис регионального туристско-информационного центра",
     title_en="A front office of the regional tourist information centre to open in Umba",
     summary_en="A front office of the Murmansk Oblast tourist information centre opened in "
                "Umba, Tersky district, on 26 December 2019 under the regional plan «100 "
                "steps»; similar offices are planned in Teriberka and Lovozero. The Belomorye "
                "tourist and recreational cluster, set up by a memorandum of 2015, has 48 "
                "registered participants, 16 of them small and medium-sized businesses of "
                "Tersky district.",
     summary_ru="26 декабря 2019 года в Умбе (Терский район) по плану «100 шагов» открыт "
                "фронт-офис туристско-информационного центра Мурманской области; такие же "
                "офисы планируются в Териберке и Ловозере. В туристско-рекреационном кластере "
                "«Беломорье», созданном по меморандуму 2015 года, зарегистрировано 48 "
                "участников, из них 16 — малые и средние предприятия Терского района.",
     outlet="Хибины.com", url="http://Хибины.com", source=DIGEST, locator="lines 531-549",
     quote="На сегодняшний день зарегистрировано 48 участников туристско-рекреационного "
           "кластера «Беломорье» из них 16 субъекты малого и среднего предпринимательства "
           "Терского района.",
     note=MONTH_ONLY + " The title announces the opening, the text dates it 26 December 2019 "
          "(line 543). Line 541 is a fragment (the start of the sentence on tourist numbers is "
          "missing from the extraction), so no tourist count is summarised. The URL is the one "
          "the «Источник:» line links (line 549), as printed.")

# --------------------------------------------------------------------------------------
# Seed 001, «Интервью» (lines 553-623)
# --------------------------------------------------------------------------------------
INTERVIEW = "rko-2019-12-interview-mmk"
item([("cluster", "international-medical-cluster"), ("region", "ru-moscow"),
      ("organisation", "mmk-fund"), ("organisation", "hadassah-moscow")],
     key=INTERVIEW, kind="interview", date="2019-12", lang="ru",
     title="«Иностранные клиники приходят в кластер с социальной миссией»",
     title_en="'Foreign clinics come to the cluster with a social mission'",
     summary_en="Ildar Khairullin, director general of the International Medical Cluster "
                "Foundation, tells RBC+ why Russian medicine needs foreign technology and what "
                "brings leading foreign clinics to Skolkovo. He describes the cluster's legal "
                "regime under Federal Law No. 160, its first participant Hadassah, the projects "
                "under way and the aim that all first-stage clinics open by 2023.",
     summary_ru="Гендиректор Фонда Международного медицинского кластера Ильдар Хайруллин "
                "рассказывает РБК+, зачем российской медицине зарубежные технологии и что "
                "привлекает в Сколково ведущие иностранные клиники. Он говорит о правовом режиме "
                "кластера по федеральному закону № 160, о первом участнике — центре «Хадасса», о "
                "проектах в работе и о цели открыть все клиники первой очереди к 2023 году.",
     outlet="РБК", source=DIGEST, locator="lines 553-623",
     quote="По данным специалистов Российской кластерной обсерватории ИСИЭЗ НИУ ВШЭ, на "
           "территории России существует 118 кластеров.",
     note=MONTH_ONLY + " The interview was given to РБК+ (line 557); the «Источник:» line names "
          "РБК (line 623). Questions as published; answers summarised (news_qa).")

# (question as published, without its dash; the answer summarised in Russian)
QA = [
    ("Насколько, по вашему мнению, в России прижилась система кластеров?",
     "Кластер дает синергию, когда организации разных отраслей на одной территории работают на "
     "общую цель; по данным РКО, в России 118 кластеров, 16 из них — в фармацевтике и медицине, и "
     "большинство на ранней стадии. Медкластеров, подобных ММК, в стране нет: его модель стоит "
     "отработать, прежде чем переносить опыт на другие регионы."),
    ("В вашем кластере могут работать иностранные специалисты без подтверждения дипломов, "
     "разрешено использование не зарегистрированных в России препаратов. Насколько это "
     "уникальные для нашей страны условия и трудно ли было их согласовать с регулятором?",
     "Условия федерального закона № 160 уникальны: в кластере работают только клиники из стран "
     "ОЭСР по стандартам своих стран, с незарегистрированными в России оборудованием и "
     "препаратами и с приглашенным персоналом без квот."),
    ("Фонд был создан в 2015 году. Чего удалось добиться за это время и какие главные "
     "результаты вы бы назвали?",
     "Фонд выстроил стратегию и управленческую платформу кластера; первый результат — работающий "
     "медицинский центр «Хадасса», к концу 2021 года к нему добавится онкологический стационар. "
     "В работе проекты реабилитационного центра, корейского госпиталя, многофункционального "
     "медцентра на 35 тыс. кв. м и технопарков."),
    ("Что привлекает в кластер иностранных инвесторов?",
     "Зарубежные клиники приходят с социальной миссией — принести лучшие практики и технологии "
     "лечения; российские пациенты получают их услуги в Москве, очно или с помощью "
     "телемедицины."),
    ("Насколько важным направлением является образование для российских врачей, на решение "
     "каких кадровых вопросов вы нацелены в первую очередь?",
     "Резиденты кластера готовы учить российских врачей, в том числе из регионов; в центре "
     "внимания — сестринское дело по партнерской модели, семинары по медицинскому туризму "
     "вместе с Минздравом и подготовка управленцев здравоохранения."),
    ("На чем вы планируете сосредоточиться в будущем году?",
     "В 2020 году — собрать портфель соглашений с участниками первой очереди и подписать "
     "инвестиционные соглашения, чтобы к 2023 году все клиники первой очереди открылись для "
     "пациентов."),
]

# --------------------------------------------------------------------------------------
# Seed 001, the express-information bulletins (lines 627-653) and new publications (655-672)
# --------------------------------------------------------------------------------------
BULLETIN_NOTE = ("Date: stated for the section, «бюллетени экспресс-информации за декабрь 2019 "
                 "г.» (line 633). Outlet: the issuer, ИСИЭЗ НИУ ВШЭ, as the section's text names "
                 "it (line 631); bulletins have no «Источник:» line. Series: the section heading "
                 "(line 627) names two series, «Наука, технологии, инновации» and «Цифровая "
                 "экономика», and its text presents the December bulletins in the first (lines "
                 "631-633); the bulletin itself does not say. The PDF link's address is not in "
                 "the extraction, so file_url is empty.")
item([],
     key="rko-2019-12-bulletin-153", kind="bulletin", date="2019-12", lang="ru",
     title="Исследования и разработки по приоритетным направлениям развития науки, технологий "
           "и техники в Российской Федерации: 2018",
     title_en="Research and development in the priority areas of science, technology and "
              "engineering in the Russian Federation: 2018",
     summary_en="HSE ISSEK's express-information bulletin No. 153 (2019) gives Russia's domestic "
                "expenditure on research and development by priority area of science, "
                "technology and engineering, with its dynamics and structure for 2011-2018.",
     summary_ru="Бюллетень экспресс-информации ИСИЭЗ НИУ ВШЭ № 153 (2019) — внутренние затраты на "
                "исследования и разработки по приоритетным направлениям развития науки, "
                "технологий и техники в России, их динамика и структура за 2011–2018 годы.",
     series=SERIES, series_number=153, file_format="PDF",
     outlet="ИСИЭЗ НИУ ВШЭ", source=DIGEST, locator="lines 631-639",
     quote="Предлагаем Вашему вниманию бюллетени экспресс-информации за декабрь 2019 г.",
     note=BULLETIN_NOTE + " No concerned cluster: the bulletin is on national statistics.")

item([],
     key="rko-2019-12-bulletin-154", kind="bulletin", date="2019-12", lang="ru",
     title="Базовые и продвинутые цифровые навыки российских исследователей",
     title_en="Basic and advanced digital skills of Russian researchers",
     summary_en="Bulletin No. 154 (2019) reports an HSE ISSEK survey of candidates and doctors of "
                "science made in 2019: how Russian researchers rate their own command of digital "
                "technologies and how they acquire it.",
     summary_ru="Бюллетень № 154 (2019) — итоги опроса кандидатов и докторов наук, проведенного "
                "ИСИЭЗ НИУ ВШЭ в 2019 году: как российские исследователи оценивают свое владение "
                "цифровыми технологиями и как их осваивают.",
     series=SERIES, series_number=154, file_format="PDF",
     outlet="ИСИЭЗ НИУ ВШЭ", source=DIGEST, locator="lines 643-647",
     quote="Институт статистических исследований и экономики знаний НИУ ВШЭ провел в 2019 году "
           "опрос кандидатов и докторов наук, чтобы узнать, как российские исследователи "
           "оценивают свой уровень владения цифровыми технологиями и как их осваивают.",
     note=BULLETIN_NOTE + " No concerned cluster: the bulletin is on national statistics.")

item([],
     key="rko-2019-12-business-climate", kind="publication", date="2019-12", lang="ru",
     title="Деловой климат в промышленности в сентябре—октябре 2019 года",
     title_en="The business climate in industry in September-October 2019",
     summary_en="The HSE ISSEK Centre for Business Tendency Studies reviews the business climate "
                "in Russian industry in September-October 2019 from Rosstat's monthly surveys "
                "of about 4,000 large and medium-sized enterprises. Industry stays 'steadily "
                "weakly growing'; the business confidence index rose by 1 p.p. to -1% in "
                "mining, held at -3% in manufacturing for nine months and fell by 1 p.p. to -7% "
                "in electricity, gas and steam supply.",
     summary_ru="Центр конъюнктурных исследований ИСИЭЗ НИУ ВШЭ анализирует деловой климат в "
                "промышленности в сентябре—октябре 2019 года по ежемесячным опросам Росстата "
                "около 4 тыс. крупных и средних предприятий. Промышленность остается «устойчиво "
                "слаборастущей»; индекс предпринимательской уверенности в добыче вырос на 1 п. "
                "п. до −1%, в обработке девять месяцев держится на −3%, в обеспечении "
                "электроэнергией, газом и паром снизился на 1 п. п. до −7%.",
     file_format="PDF 3,1 Мб",
     outlet="ИСИЭЗ НИУ ВШЭ", source=DIGEST, locator="lines 655-672",
     quote="Отрасль по-прежнему сохраняет за собой статус «устойчиво слаборастущей», без "
           "каких-либо признаков сползания в рецессию, но и без очевидных сигналов к "
           "интенсификации промышленного роста, по крайней мере, в ближайшие полгода-год.",
     note=MONTH_ONLY + " Outlet: the issuer of the section «Новые издания ИСИЭЗ НИУ ВШЭ» (line "
          "655); no «Источник:» line. File: «Скачать файл (PDF 3,1 Мб)» (line 672): 3,1 Мб is a "
          "rounded size, not a number of bytes, so file_bytes is empty and file_format keeps "
          "the stated «PDF 3,1 Мб»; the link's address is not in the extraction. No concerned "
          "cluster: the survey covers industry as a whole.")

# --------------------------------------------------------------------------------------
# Seed 002, the HSE news page (lines 14-42)
# --------------------------------------------------------------------------------------
item([("cluster", "moscow-medtech"), ("cluster", "troitsk"), ("cluster", "zelenograd"),
      ("cluster", "moscow-composite"), ("cluster", "moscow-biotech"), ("region", "ru-moscow"),
      ("programme", "ru-pilot-itc-support"), ("programme", "ru-pilot-itc-list"),
      ("organisation", "pirogov-rnrmu"), ("organisation", "msu-faculty-fundamental-medicine"),
      ("organisation", "ibch-ras"), ("organisation", "ihna-ras"),
      ("organisation", "rogachev-centre"), ("organisation", "semenov-ichph"),
      ("organisation", "eurogen"), ("organisation", "imagerysoft"),
      ("organisation", "neurobiolab")],
     key="hse-news-moscow-medtech-cluster", kind="event", date="2014", lang="en",
     title="Innovative Medical Technologies Cluster will appear in the capital",
     title_ru="В столице появится кластер инновационных медицинских технологий",
     summary_en="A round table at the HSE Foresight Conference discussed the Moscow Medical "
                "Technologies Cluster (medical biotechnology, medical equipment, high-technology "
                "medical services), initiated and coordinated by the Pirogov Russian National "
                "Research Medical University with a spearhead group of nine organisations. "
                "Speakers set it against the Ministry of Economic Development's support for 25 "
                "pilot innovative territorial clusters (2.5 billion roubles this year, 680 "
                "million of it for the six biomedical ones) and against foreign biomedical "
                "clusters.",
     summary_ru="На круглом столе Форсайт-конференции НИУ ВШЭ обсуждали Московский кластер "
                "медицинских технологий (медицинская биотехнология, медицинское оборудование, "
                "высокотехнологичная медицинская помощь), который инициировал и координирует "
                "Российский национальный исследовательский медицинский университет им. Пирогова "
                "вместе с ядром из девяти организаций. Участники сопоставили его с поддержкой 25 "
                "пилотных инновационных территориальных кластеров Минэкономразвития (2,5 млрд "
                "рублей в этом году, из них 680 млн — шести биомедицинским) и с зарубежными "
                "биомедицинскими кластерами.",
     outlet="HSE news", source=PAGE, locator="lines 14-42",
     quote="The Pirogov Russian National Research Medical University initiated (and now "
           "coordinates) the setting up of the Moscow Medical Technologies Cluster.",
     note="Undated page. Date: 2014 is the reading of the page's internal evidence (the pilot "
          "programme launched in 2012, a support round compared with 'the previous year', line "
          "30), as for the programme round in data/development/development.json; it is not a "
          "stated date. Outlet: the HSE website's news, as the source record describes the "
          "page; the page names no outlet and is filed under 'Russian Cluster Observatory' "
          "(line 42); no URL is in the extraction. The foreign clusters it names (Munich, "
          "Osaka, South Korea's, line 36) have no records, so they are not linked. The title "
          "in Russian is the registry's translation.")

# --------------------------------------------------------------------------------------
# The digest issue 12 (cover lines 5-26, masthead 32-103, contents 115-143, closing 674-690)
# --------------------------------------------------------------------------------------
DIGESTS = [dict(
    number=12, month="2019-12",
    publisher="Национальный исследовательский университет «Высшая школа экономики»|"
              "Институт статистических исследований и экономики знаний|"
              "Российская кластерная обсерватория",
    title_ru="Территориальные кластеры", title_en="Territorial clusters",
    subtitle_ru="дайджест новостей", subtitle_en="news digest",
    source=DIGEST, locator="lines 5-26",
    note="Cover (lines 5-26): three levels top-down; the university is printed as «ВЫСШАЯ ШКОЛА "
         "ЭКОНОМИКИ / НАЦИОНАЛЬНЫЙ ИССЛЕДОВАТЕЛЬСКИЙ УНИВЕРСИТЕТ» and recorded by the name the "
         "digest gives it (line 69). The inner title page (lines 111-113) reads «Дайджест "
         "новостей» and «Территориальные кластеры: события, интервью, экспресс-информация, "
         "новые издания». The contents' page numbers (lines 115-143) are those of the "
         "published issue. The English titles are the registry's translations.")]

# (part, Russian text, English text): Markdown paragraphs. The Russian texts are short versions
# of the masthead's (lines 32-103; titles, contacts and the closing call, lines 674-690, as
# printed); the English ones are the registry's own words.
DIGEST_TEXTS = [
    ("about",
     "Российская кластерная обсерватория (РКО) создана на базе Института статистических "
     "исследований и экономики знаний НИУ ВШЭ. Это научно-методический, аналитический и "
     "консалтинговый центр, который исследует кластерную политику, готовит доклады для органов "
     "власти, менеджмента кластеров и центров кластерного развития и поддерживает формирующиеся "
     "территориальные кластеры.\n\n"
     "На сайте РКО собраны нормативно-правовая база, меры государственной поддержки кластеров, "
     "сведения о каждом кластере, новостная лента и анонсы событий.",
     "The Russian Cluster Observatory was set up at the HSE Institute for Statistical Studies "
     "and Economics of Knowledge. It is a centre of research, analysis and consulting on cluster "
     "policy: it writes reports for federal, regional and local authorities, cluster managers "
     "and cluster development centres, and supports emerging territorial clusters.\n\n"
     "Its website collects the laws and regulations, the state's support measures for clusters, "
     "a profile of each cluster, a news feed and announcements of events."),
    ("publications",
     "Рейтинг инновационного развития субъектов Российской Федерации. Выпуск 6\n\n"
     "Доклад «Биомедицинские кластеры в мире: факторы успеха и истории лучших»\n\n"
     "Доклад «Кластерная политика: достижение глобальной конкурентоспособности»",
     "Rating of innovation development of the regions of the Russian Federation, issue 6\n\n"
     "Report 'Biomedical clusters in the world: success factors and the best stories'\n\n"
     "Report 'Cluster policy: achieving global competitiveness'"),
    ("contacts",
     "Российская кластерная обсерватория ИСИЭЗ НИУ ВШЭ\n\n"
     "Адрес: 101000, Москва, Мясницкая ул., 11\n\n"
     "Тел.: +7 (495) 772-95-90*12053\n\n"
     "Факс: +7 (495) 625-03-67\n\n"
     "E-mail: ruscluster@hse.ru\n\n"
     "Web: http://cluster.hse.ru",
     "Russian Cluster Observatory, HSE ISSEK\n\n"
     "Address: 11 Myasnitskaya Street, Moscow 101000, Russia\n\n"
     "Phone: +7 (495) 772-95-90*12053\n\n"
     "Fax: +7 (495) 625-03-67\n\n"
     "E-mail: ruscluster@hse.ru\n\n"
     "Web: http://cluster.hse.ru"),
    ("resources",
     "Российская кластерная обсерватория\n\n"
     "Карта кластеров России\n\n"
     "Master's Programme «Governance of Science, Technology and Innovation»\n\n"
     "Научный журнал «Форсайт»\n\n"
     "Международный научно-образовательный Форсайт-центр ИСИЭЗ НИУ ВШЭ\n\n"
     "Долгосрочный прогноз научно-технологического развития Российской Федерации до 2030 года\n\n"
     "Мониторинг глобальных технологических трендов — ТРЕНДЛЕТТЕРЫ",
     "Russian Cluster Observatory\n\n"
     "Map of Russian clusters\n\n"
     "Master's Programme 'Governance of Science, Technology and Innovation'\n\n"
     "The journal 'Foresight'\n\n"
     "International Research and Educational Foresight Centre, HSE ISSEK\n\n"
     "Long-term forecast of science and technology development of the Russian Federation to "
     "2030\n\n"
     "Monitoring of global technology trends: trend letters"),
    ("call",
     "Уважаемые подписчики!\n\n"
     "Предлагаем вам присылать материалы и новости для включения в очередной выпуск дайджеста по "
     "адресу: ruscluster@hse.ru",
     "Dear subscribers, please send us material and news for the next issue of the digest at "
     "ruscluster@hse.ru."),
]

# The table of contents' order (lines 117-143): the 11 events, the interview, the two
# bulletins, the publication. The HSE news page is not part of the digest.
ENTRIES = [r["key"] for r, _ in ITEMS if r["source"] == DIGEST]


def ordered(kind, r):
    """The record's members in the contract's column order; absent cells are left out."""
    return {c: r[c] for c in NEWS_COLUMNS[kind] if c in r and r[c] is not None}


def news_document():
    """[(kind, records)] of data/news/digest-2019-12.json, in the contract's member order."""
    news = [ordered("news", r) for r, _ in ITEMS]
    qa = [ordered("news_qa", dict(item=INTERVIEW, position=i, question=q, answer=a))
          for i, (q, a) in enumerate(QA, 1)]
    links = [ordered("news_links", dict(item=r["key"], target_kind=k, target_key=t))
             for r, ls in ITEMS for k, t in sorted(ls)]
    texts = []
    for lang, col in (("ru", 1), ("en", 2)):
        texts += [ordered("digest_texts", dict(issue=12, part=p[0], lang=lang, text=p[col]))
                  for p in DIGEST_TEXTS]
    entries = [ordered("digest_entries", dict(issue=12, position=i, item=k))
               for i, k in enumerate(ENTRIES, 1)]
    return [("news", news), ("news_qa", qa), ("news_links", links),
            ("digests", [ordered("digests", d) for d in DIGESTS]), ("digest_texts", texts),
            ("digest_entries", entries)]
