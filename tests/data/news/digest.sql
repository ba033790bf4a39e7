-- A small registry of news and one digest issue, written with SQL until the news import
-- (issue 15, helper n1) lands; then it becomes a registry JSON file. Issue 12 of 2019-12 holds
-- seven items in an order that is not their dates' (positions 1..7); item 'late-dec' is dated
-- in 2019-12 but not in the issue, and 'jan-item' is of 2020-01. Texts are short paraphrases.
INSERT INTO country (code, name_en) VALUES ('RU', 'Russia');
INSERT INTO source (key, title) VALUES ('digest-2019-12', 'Территориальные кластеры: дайджест новостей, выпуск 12');
INSERT INTO region (key, country, name_en, name_ru) VALUES ('ru-kgd', 'RU', 'Kaliningrad Oblast', 'Калининградская область');
INSERT INTO cluster (id, key, name_en, name_ru, country) VALUES
  (1, 'amber', 'Amber cluster', 'Янтарный кластер', 'RU'),
  (2, 'moscow-innovation', 'Moscow Innovation Cluster', 'Инновационный кластер Москвы', 'RU'),
  (3, 'quiet', 'Quiet cluster', NULL, 'RU');
INSERT INTO organisation (id, key, name, type) VALUES (1, 'kyk', 'Калининградский янтарный комбинат', 'manufacturer');
INSERT INTO news_item (key, kind, date, lang, title, title_en, lead, body, box, summary_en, outlet, url, source, locator) VALUES
  ('amber-trap', 'event', '2019-12-20', 'ru', 'Янтарный кластер: ловушка одного покупателя',
   'The amber cluster: the one-buyer trap',
   'Кластер вошёл в реестр промышленных кластеров.',
   'Первый абзац о кластере.

### Ловушка одного покупателя

Второй абзац под подзаголовком, с «кавычками» & <угловыми> скобками.',
   'Кластер включён в реестр 26 марта 2019 года.',
   'The amber cluster entered the Ministry of Industry''s register.',
   'REGNUM', 'https://regnum.ru/news/amber', 'digest-2019-12', 'lines 226-360'),
  ('mik-platform', 'event', '2019-12-05', 'ru', 'Платформа i.moscow открыта', NULL, NULL,
   'Участники МИК получили доступ к мерам поддержки.', NULL, NULL,
   'ДПИР города Москвы', 'https://example.org/mik', 'digest-2019-12', 'lines 390-424'),
  ('interview-imc', 'interview', '2019-12-10', 'ru', '«Кластер — это команда»', 'A cluster is a team', NULL,
   'Вступление к интервью.', NULL, NULL, 'РБК', NULL, 'digest-2019-12', 'lines 553-623'),
  ('bulletin-153', 'bulletin', '2019-12-01', 'ru', 'Исследования и разработки по приоритетным направлениям', NULL, NULL,
   'Аннотация бюллетеня.', NULL, NULL, 'ИСИЭЗ НИУ ВШЭ', 'https://issek.hse.ru/b153', 'digest-2019-12', 'lines 635-639'),
  ('bulletin-154', 'bulletin', '2019-12-02', 'ru', 'Базовые и продвинутые цифровые навыки', NULL, NULL,
   'Аннотация второго бюллетеня.', NULL, NULL, 'ИСИЭЗ НИУ ВШЭ', 'https://issek.hse.ru/b154', 'digest-2019-12', 'lines 643-647'),
  ('climate-2019', 'publication', '2019-12', 'ru', 'Деловой климат в промышленности', NULL, NULL,
   'Аннотация издания.', NULL, NULL, 'ИСИЭЗ НИУ ВШЭ', NULL, 'digest-2019-12', 'lines 655-672'),
  ('forum-2020', 'announcement', '2019-12-25', 'en', 'Krasnoyarsk Economic Forum <2020>', NULL, NULL,
   'The forum meets in March.', NULL, NULL, 'Forum', NULL, 'digest-2019-12', NULL),
  ('late-dec', 'event', '2019-12-20', 'ru', 'Новость вне выпуска', NULL, NULL, NULL, NULL, NULL,
   'Хибины.com', NULL, 'digest-2019-12', NULL),
  ('jan-item', 'event', '2020-01-15', 'en', 'A January item', NULL, NULL, NULL, NULL, NULL,
   'Outlet', NULL, 'digest-2019-12', NULL);
UPDATE news_item SET series = 'Наука, технологии, инновации', series_number = 153 WHERE key = 'bulletin-153';
UPDATE news_item SET series = 'Наука, технологии, инновации', series_number = 154 WHERE key = 'bulletin-154';
UPDATE news_item SET file_url = 'https://issek.hse.ru/climate.pdf', file_format = 'PDF', file_bytes = 3250586 WHERE key = 'climate-2019';
INSERT INTO news_qa (item, position, question, answer) VALUES
  ('interview-imc', 2, 'Что дальше?', 'Развитие.'),
  ('interview-imc', 1, 'С чего начался кластер?', 'С команды.');
INSERT INTO news_link (item, target_kind, target_key) VALUES
  ('amber-trap', 'region', 'ru-kgd'), ('amber-trap', 'cluster', 'amber'),
  ('amber-trap', 'organisation', 'kyk'), ('mik-platform', 'cluster', 'moscow-innovation'),
  ('late-dec', 'cluster', 'amber');
INSERT INTO digest_issue (number, month, publisher, title_ru, title_en, subtitle_ru, subtitle_en, source, locator) VALUES
  (12, '2019-12', 'Высшая школа экономики|Институт статистических исследований и экономики знаний|Российская кластерная обсерватория',
   'Территориальные кластеры', 'Territorial clusters',
   'Территориальные кластеры: события, интервью, экспресс-информация, новые издания',
   'Territorial clusters: events, interviews, express information, new publications',
   'digest-2019-12', 'lines 5-26');
INSERT INTO digest_text (issue, part, lang, text) VALUES
  (12, 'about', 'ru', 'Российская кластерная обсерватория (РКО) — научно-методический центр.

Сайт: <http://cluster.hse.ru>.'),
  (12, 'about', 'en', 'The Russian Cluster Observatory is a research and advisory centre.'),
  (12, 'publications', 'ru', 'Рейтинг инновационного развития субъектов РФ. Выпуск 6.'),
  (12, 'contacts', 'ru', 'Адрес: 101000, Москва, Мясницкая ул., 11

E-mail: ruscluster@hse.ru'),
  (12, 'contacts', 'en', 'Address: 11 Myasnitskaya St, Moscow 101000'),
  (12, 'resources', 'ru', '**Карта кластеров России**'),
  (12, 'call', 'ru', 'Присылайте новости для следующего выпуска: ruscluster@hse.ru'),
  (12, 'call', 'en', 'Send us your news for the next issue: ruscluster@hse.ru');
INSERT INTO digest_entry (issue, position, item) VALUES
  (12, 1, 'mik-platform'), (12, 2, 'amber-trap'), (12, 3, 'interview-imc'),
  (12, 4, 'bulletin-154'), (12, 5, 'bulletin-153'), (12, 6, 'climate-2019'), (12, 7, 'forum-2020');
