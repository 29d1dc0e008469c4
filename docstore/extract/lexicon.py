"""Word lists that drive extraction: data, not code. Entries are lemmas (pymorphy3 normal forms)."""

from __future__ import annotations

import re

# Month names: full forms in every case, and the usual abbreviations («апр», «сент.»).
_MONTHS = [
    ("январ", "янв"), ("феврал", "фев"), ("март", "мар"), ("апрел", "апр"),
    ("ма", "мая"), ("июн", "июн"), ("июл", "июл"), ("август", "авг"),
    ("сентябр", "сен"), ("октябр", "окт"), ("ноябр", "ноя"), ("декабр", "дек"),
]
_MONTH_RE = [
    re.compile(rf"^(?:{full}(?:ь|я|е|ю|ем|ём|а|у|ом|й)?|{abbr}\w?)\.?$") for full, abbr in _MONTHS
]
_MONTH_RE[4] = re.compile(r"^ма(?:й|я|е|ю|ем|ем)$")


def month_number(word: str) -> int | None:
    """Month number of a Russian month name in any case or abbreviation, else None."""
    w = word.lower().replace("ё", "е")
    for n, rx in enumerate(_MONTH_RE, start=1):
        if rx.match(w):
            return n
    return None


# --- speech ---
# Verbs that report speech or opinion, as lemmas (both aspects where both are used).
SPEECH_VERBS: frozenset[str] = frozenset("""
сказать говорить заявить заявлять отметить отмечать подчеркнуть подчёркивать подчеркивать
напомнить напоминать добавить добавлять сообщить сообщать пояснить пояснять рассказать рассказывать
уточнить уточнять заметить замечать указать указывать объяснить объяснять объявить объявлять
констатировать акцентировать признать признавать признаться признаваться считать полагать верить
заверить заверять уверить уверять предупредить предупреждать подытожить резюмировать заключить
ответить отвечать утверждать настаивать убеждать высказаться высказываться выразить выражать
прокомментировать комментировать написать писать проинформировать информировать
поделиться делиться посетовать сетовать пожаловаться жаловаться возразить возражать парировать
пообещать обещать отрицать допустить допускать выступить добавить продолжить продолжать
обратить обращать оценить оценивать охарактеризовать характеризовать назвать называть
призвать призывать предложить предлагать потребовать требовать поручить поручать
подтвердить подтверждать опровергнуть опровергать анонсировать прогнозировать спрогнозировать
предположить предполагать уверен убедить согласиться соглашаться раскритиковать критиковать
высказать высказывать сформулировать цитировать процитировать спросить спрашивать
воскликнуть подчеркивать резюмировать проинформировать известить извещать
привести приводить доложить докладывать исключить исключать обратиться обращаться озвучить озвучивать
подвести подводить
поблагодарить благодарить
""".split())

# Verbs of manner that tag a reply in dialogue or after a quote: «— Сработало, — улыбнулся он».
MANNER_VERBS: frozenset[str] = frozenset(
    "улыбнуться рассмеяться усмехнуться вздохнуть пошутить развести отрезать вспомнить вспоминать "
    "поблагодарить благодарить признаться".split()
)

# Speech verbs that take a «что» clause of reported content; «назвать», «призвать»,
# «поручить», «предложить» take an object instead and only carry partial quotes.
CONTENT_VERBS: frozenset[str] = SPEECH_VERBS - frozenset("""
назвать называть призвать призывать предложить предлагать потребовать требовать поручить поручать
охарактеризовать характеризовать раскритиковать критиковать оценить оценивать спросить спрашивать
выступить обратить обращать поделиться делиться цитировать процитировать высказаться высказываться
привести приводить поблагодарить благодарить
""".split())

# Words that follow a speech verb to make a phrase: «обратил внимание, что», «выразил уверенность, что».
SPEECH_PHRASE_NOUNS: frozenset[str] = frozenset(
    "внимание уверенность надежда мнение сожаление озабоченность обеспокоенность тревога опасение "
    "сомнение убеждённость убежденность акцент".split()
)
# … and the verbs that make the phrase with them: «выразил надежду», «сделал акцент на том, что».
SPEECH_PHRASE_VERBS: frozenset[str] = frozenset(
    "обратить обращать выразить выражать высказать высказывать сделать делать".split()
)

# «По словам X», «по мнению X», «по оценке X», «по его данным».
ACCORDING_TO: frozenset[str] = frozenset("слово мнение оценка убеждение признание утверждение данные информация".split())

# Role nouns that stand for a person: «глава государства», «министр», «губернатор».
ROLE_NOUNS: frozenset[str] = frozenset("""
президент глава лидер министр замминистра вице-премьер премьер премьер-министр губернатор мэр аким
председатель зампред спикер депутат сенатор посол дипломат пресс-секретарь представитель официальный
директор гендиректор руководитель начальник заместитель замглавы командующий командир
судья прокурор адвокат следователь эксперт аналитик политолог экономист социолог историк
метеоролог синоптик учёный ученый профессор академик исследователь врач главврач
тренер наставник капитан игрок нападающий защитник вратарь форвард полузащитник
основатель владелец совладелец собственник сопредседатель канцлер король премьер генсек секретарь
министр-председатель вице-президент вице-губернатор вице-мэр омбудсмен уполномоченный
главком атташе консул советник помощник автор журналист корреспондент обозреватель комментатор
ректор декан священник патриарх митрополит инспектор полицейский пограничник
заведующий завкафедрой завотделением замдиректора исполняющий генпрокурор генконсул
генерал генерал-майор генерал-лейтенант генерал-полковник полковник подполковник майор лейтенант
старший-лейтенант сержант прапорщик адмирал
""".split())
# People who speak for a body when plural: «полицейские уточнили», «стражи порядка подчеркнули» after
# «сообщили в ДП Шымкента» are that department speaking.
BODY_PEOPLE: frozenset[str] = frozenset("полицейский правоохранитель страж силовик следователь спасатель".split())
ROLE_NOUNS = ROLE_NOUNS | BODY_PEOPLE
# Deputies written as one word: «замгенпрокурора», «замакима», «замначальника», «замгубернатора».
DEPUTY_PREFIX = "зам"
ROLE_NOUNS = ROLE_NOUNS | {p + r for r in ROLE_NOUNS if "-" not in r and not r.startswith(DEPUTY_PREFIX)
                           for p in (DEPUTY_PREFIX, "вице-")}  # and «вице-спикер», «вице-министр»

# «Такое мнение высказала X», «Такой прогноз дал X»: what «такой» refers back to, and the
# verbs that voice it.
STATEMENT_KINDS: frozenset[str] = frozenset(
    "мнение прогноз оценка заявление точка зрения позиция вывод предположение версия данные слово "
    "цель задача план планка ориентир цифра".split()
)
VOICING_VERBS: frozenset[str] = frozenset(
    "дать давать озвучить озвучивать высказать высказывать сделать делать выразить назвать поставить обозначить".split()
)

# Others' fears, rumours and grievances: «прокомментировал опасения граждан, что …», «недовольство
# журналистов тем, что …» — the clause is what those nouns hold, not what the speaker says.
OTHERS_VIEWS: frozenset[str] = frozenset(
    "опасение слух подозрение домысел страх тревога беспокойство сомнение недовольство возмущение жалоба "
    "претензия обвинение упрёк упрек критика".split()
)

# Verbs of a news agency relaying what others said: «передаёт корреспондент», «сообщает ТАСС».
RELAY_VERBS: frozenset[str] = frozenset("передавать передать сообщать сообщить писать информировать".split())

# A reply answers somebody: «— …, — ответил чиновник» is not the one who just asked.
REPLY_VERBS: frozenset[str] = frozenset("ответить отвечать возразить возражать парировать".split())
QUESTION_VERBS: frozenset[str] = frozenset("спросить спрашивать поинтересоваться интересоваться".split())

# Words for an unnamed source: the quote has no speaker to name.
ANONYMOUS: frozenset[str] = frozenset("источник собеседник собеседница инсайдер".split())

# Who speaks for an organisation: «пресс-служба ведомства», «представитель МЧС» — the organisation.
MOUTHPIECES: frozenset[str] = frozenset(
    "пресс-служба пресс-центр представитель представительство спикер руководство".split()
)  # «руководство «Яндекса» пообещало»: the company
# … but the speaker of a chamber chairs it: «спикер ГД», «спикер нижней палаты парламента» is a person.
CHAMBERS: frozenset[str] = frozenset("""
дума госдума гд сенат совфед сф парламент мажилис палата рада верховна кенеш хурал собрание заксобрание
маслихат курултай сейм меджлис сабор скупщина кнессет конгресс бундестаг
""".split())

# What a generic noun may refer back to: «ведомство» is a government body, «ретейлер» a company.
GOVERNMENT_BODIES: frozenset[str] = frozenset(
    "ведомство министерство агентство служба комитет департамент управление администрация правительство "
    "мэрия минздрав минфин минобороны мид мвд мчс минтранс минпромторг минсельхоз инспекция надзор "
    "акимат маслихат генпрокуратура прокуратура комендатура инфоцентр".split()
)
# Bodies whose «данные» are their statements («По данным Департамента полиции, …»), not figures of a
# statistics office («По данным Росстата»).
STATE_BODIES: frozenset[str] = GOVERNMENT_BODIES | frozenset(
    "полиция милиция суд пресс-служба дп двд увд умвд гувд мвд кнб фсб ск следком".split()
)
# Words for any state body: «ведомство» may refer back to the МВД, the Минздрав or an акимат named before.
ANY_BODY: frozenset[str] = frozenset("ведомство служба орган учреждение структура регулятор".split())
COMPANIES: frozenset[str] = frozenset(
    "компания ретейлер ритейлер перевозчик авиакомпания авиаперевозчик банк холдинг корпорация концерн "
    "застройщик оператор производитель завод предприятие".split()
)

# Nouns for a statement that name its author after them: «говорится в сообщении Минздрава».
STATEMENT_NOUNS: frozenset[str] = frozenset(
    "сообщение заявление релиз пресс-релиз документ письмо ответ комментарий пост публикация "
    "телеграм-канал канал бюллетень обращение".split()
)

# The verbs that put out a statement of that name: «сообщил в Twitter» … «говорится в сообщении».
STATEMENT_VERBS: dict[str, frozenset[str]] = {
    "сообщение": frozenset({"сообщить"}),
    "заявление": frozenset({"заявить"}),
    "пост": frozenset({"опубликовать", "написать"}),
    "публикация": frozenset({"опубликовать"}),
    "обращение": frozenset({"обратиться"}),
    "письмо": frozenset({"написать"}),
}

# Personal pronouns that can stand for a speaker, with their gender/number.
PRONOUNS: dict[str, str] = {
    "он": "masc", "его": "masc", "него": "masc", "ему": "masc", "ним": "masc", "нем": "masc", "нём": "masc",
    "она": "femn", "ее": "femn", "её": "femn", "нее": "femn", "неё": "femn", "ей": "femn", "ней": "femn",
    "они": "plur", "их": "plur", "них": "plur", "им": "plur",
}

# Nouns of organisations and their parts: «в пресс-службе», «в министерстве», «в Кремле».
ORG_NOUNS: frozenset[str] = frozenset("""
пресс-служба служба руководство орган министерство ведомство администрация правительство мэрия минздрав минобороны
мид мвд фсб кремль комитет департамент управление агентство компания корпорация госкорпорация
банк фонд партия штаб суд прокуратура полиция милиция совет дума парламент сенат палата защита гособвинение
центр институт университет академия организация объединение союз ассоциация федерация клуб
штаб-квартира посольство консульство оргкомитет избирком минпромторг минфин минэкономразвития
минсельхозпрод минсельхоз минтранс минобрнауки минпросвещения минюст минкультуры минцифры
перевозчик авиакомпания авиаперевозчик оператор ритейлер застройщик регулятор холдинг концерн
акимат маслихат мажилис курултай генпрокуратура комендатура инфоцентр колледж управа префектура
""".split())

# Sources that only relay news: «Об этом сообщает ТАСС» is a credit, not a quote.
MEDIA_NAMES: frozenset[str] = frozenset("""
тасс риа интерфакс рбк ria reuters рейтер ап bloomberg блумберг коммерсант коммерсантъ известия ведомости
газета агентство издание телеканал канал радио портал сайт корреспондент журнал редакция источник
twitter твиттер telegram телеграм телеграм-канал telegram-канал instagram инстаграм facebook фейсбук вконтакте youtube ютуб
иа tengrinews тенгриньюс kazinform казинформ kaztag казтаг khabar хабар azattyq азаттык sputnik спутник
akipress акипресс kaktus кактус belta белта regnum регнум informburo информбюро kursiv курсив orda орда
meduza медуза fontanka фонтанка ntv нтв rt eurasianet азия-плюс
""".split())

# Nouns that make the following quotation marks a name, not a quote:
# газета «Известия», компания «Газпром», фильм «Брат».
TITLE_NOUNS: frozenset[str] = frozenset("""
газета журнал издание телеканал канал радио радиостанция агентство портал сайт
фильм кинофильм сериал мультфильм спектакль постановка опера балет мюзикл книга роман повесть
рассказ поэма стихотворение песня альбом сингл клип картина выставка экспозиция раздел рубрика
программа проект операция учение кампания акция премия конкурс фестиваль форум турнир чемпионат
сессия секция панель дискуссия семинар лекция доклад тренинг курс марафон
компания корпорация госкорпорация концерн холдинг группа банк фонд завод фабрика комбинат
предприятие организация общество партия движение объединение союз ассоциация клуб команда
фк хк пк ооо оао зао пао ао нко ано гуп муп фгуп оо ип тц трк жк
театр музей парк отель гостиница ресторан кафе магазин торговый центр кинотеатр стадион
аэропорт вокзал станция корабль судно самолёт самолет ракета спутник станция комплекс система
платформа приложение мессенджер сервис сеть бренд марка модель серия издательство
закон законопроект постановление указ документ доктрина концепция стратегия
центр институт университет академия школа лицей гимназия колледж ансамбль хор оркестр
орден медаль звание номинация категория сорт порода тариф пакет
""".split())



# Role phrases that name the same office, as lemmas: «глава государства» is «президент».
# A country's adjective and the words that name it in a role («американский лидер» is «президент США»):
# each group is one country, its adjective lemma first.
_NATIONS = """
американский сша америка штат
российский россия рф
китайский китай кнр поднебесный
украинский украина
белорусский белоруссия беларусь рб
казахстанский казахстан рк
узбекский узбекистан руз
киргизский кыргызский киргизия кыргызстан кр
таджикский таджикистан
туркменский туркмения туркменистан
азербайджанский азербайджан
армянский армения ра
грузинский грузия
молдавский молдова молдавия
немецкий германский германия фрг
французский франция
британский английский великобритания британия англия
итальянский италия
испанский испания
польский польша
турецкий турция
иранский иран
израильский израиль
японский япония
корейский южнокорейский корея
индийский индия
канадский канада
финский финляндия
литовский литва
латвийский латвия
эстонский эстония
венгерский венгрия
сербский сербия
""".strip().splitlines()
NATIONS: dict[str, frozenset[str]] = {
    adjective: frozenset(words)
    for words in (line.split() for line in _NATIONS)
    for adjective in words
    if adjective.endswith("ский") or adjective.endswith("цкий")
}

ROLE_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"президент", "глава государство", "лидер государство", "глава республика", "лидер республика",
               "глава страна", "лидер страна", "президент республика", "президент страна"}),
    frozenset({"министр", "глава ведомство", "руководитель ведомство", "глава министерство",
               "руководитель министерство", "глава минздрав"}),
    frozenset({"губернатор", "глава регион", "глава область", "руководитель регион", "глава край"}),
    frozenset({"мэр", "глава город", "градоначальник"}),
    frozenset({"премьер", "премьер-министр", "глава правительство", "председатель правительство"}),
    frozenset({"директор", "гендиректор", "генеральный директор", "руководитель", "глава компания",
               "глава корпорация", "директор музей", "руководитель учреждение", "директор учреждение",
               "генеральный директор учреждение", "генеральный директор компания"}),
    frozenset({"тренер", "главный тренер", "наставник", "главный тренер команда", "наставник команда"}),
)

# The sides of a courtroom: one person holds one of them, so «председательствующий» is never the lawyer
# who spoke before («адвокат Катерина Тертухина … Со слов председательствующего, …»).
COURT_SIDES: tuple[frozenset[str], ...] = (
    frozenset({"судья", "председательствующий", "председательствовать"}),
    frozenset({"прокурор", "гособвинитель", "обвинитель", "следователь"}),
    frozenset({"адвокат", "защитник", "защита"}),
    frozenset({"подсудимый", "обвиняемый", "подзащитный", "осуждённый", "осужденный", "фигурант"}),
    frozenset({"потерпевший", "истец"}),
    frozenset({"ответчик"}),
    frozenset({"свидетель", "свидетельница"}),
)

# --- events ---
# Nouns that name an occasion where things are said or done, as lemmas.
EVENT_NOUNS: frozenset[str] = frozenset("""
заседание совещание коллегия собрание мероприятие форум саммит съезд визит встреча переговоры
брифинг пресс-конференция пресс-подход интервью обращение выступление церемония конференция сессия
матч игра выставка открытие пленум симпозиум конгресс семинар круглый-стол видеоконференция
селектор торжество праздник прием приём заслушивание слушание слушания беседа послание
презентация фестиваль турнир чемпионат концерт митинг акция парад концерт инаугурация
ассамблея курултай пресс-тур телемост вебинар хурал видеообращение доклад речь
оглашение вынесение сход кулуар
эфир телемарафон радиоэфир масс-старт гонка забег эстафета спринт
""".split())

# Occasions of questions and answers a page may be the transcript of, named in its headline without a verb.
TRANSCRIPT_EVENT_NOUNS: frozenset[str] = frozenset("пресс-конференция брифинг интервью пресс-подход".split())

# Organisations whose premises are where an occasion was held, kept in its name: «брифинг в
# министерстве здравоохранения», «пресс-конференция в пресс-центре ТАСС» (with ORG_NOUNS).
EVENT_VENUE_NOUNS: frozenset[str] = frozenset("""
пресс-центр редакция студия мультимедийный-пресс-центр информагентство агентство служба
""".split())

# Bodies and institutions of a town: the town an adjective names in front of them is the place
# of the occasion they hold («московского театра», «Екатеринбургской городской думы»).
TOWN_BODY_NOUNS: frozenset[str] = frozenset("""
театр музей дума администрация мэрия парламент заксобрание горсовет совет собрание университет вуз
филармония цирк метрополитен метро зоопарк больница клиника школа лицей гимназия завод суд
правительство клуб библиотека консерватория
""".split())
# Roles of a town's head, before the town in the genitive: «мэр Самары», «вице-губернатор Петербурга».
TOWN_ROLE_NOUNS: frozenset[str] = frozenset(
    "мэр вице-мэр глава градоначальник аким замакима губернатор вице-губернатор сити-менеджер".split()
)
# Words after a place that make it a region or a district, not a town: «Новосибирская область».
REGION_NOUNS: frozenset[str] = frozenset("область край республика округ район регион губерния автономия".split())

# Heads that name an occasion only with a complement or an adjective: «в эфире телемарафона»,
# «в прямом эфире», not a bare «в эфире».
EVENT_NOUNS_NEED_TAIL_OR_ADJECTIVE: frozenset[str] = frozenset("эфир радиоэфир".split())

# Words of a court article that stand for the hearing where things were said: «в прениях»,
# «в последнем слове», «в суде» → «заседание суда». Only in an article that names a court.
COURT_HEARING_NOUNS: frozenset[str] = frozenset("прения суд".split())
COURT_HEARING_PHRASES: frozenset[tuple[str, str]] = frozenset({("последний", "слово")})
COURT_HEARING_NAME = "заседание суда"
COURT_WORDS = re.compile(r"\b(?:суд|судь|судебн|приговор|подсудим|обвиняем|прокурор)", re.IGNORECASE)

# Words that put an occasion before the day of the report: its dateline date is not the occasion's.
EARLIER_WORDS: frozenset[str] = frozenset("ранее прежде тогда накануне прошлой прошлом прошлый минувшей".split())

# «ответила на вопросы нашего корреспондента»: the answers were an interview with the askers.
EVENT_ANSWER_VERBS: frozenset[str] = frozenset("ответить отвечать".split())

# Nouns of a kind of place, after which a capitalised word is that place's name, in any case:
# «поселка Мелехово», «города Вологды», «Республики Казахстан».
PLACE_TYPE_NOUNS: frozenset[str] = frozenset("""
поселок посёлок село деревня город станица хутор аул район область край округ республика
микрорайон улица городок поселение
""".split())

# Occasions named by two words: (adjective lemma, noun lemma) -> kind.
EVENT_PHRASES: dict[tuple[str, str], str] = {
    ("круглый", "стол"): "круглый стол",
    ("прямой", "линия"): "прямая линия",
    ("телефонный", "разговор"): "телефонный разговор",
}

# Sittings of a body: a bare one is the sitting of the body named just before it, as the subject
# or after its members («Вологодская городская дума на заседании» → «заседание Вологодской городской думы»).
BODY_SITTING_NOUNS: frozenset[str] = frozenset("заседание сессия пленум собрание коллегия совещание".split())
BODY_MEMBER_NOUNS: frozenset[str] = frozenset("депутат член сенатор парламентарий участник".split())

# Heads that name an occasion only with a complement: «оглашение приговора», not «оглашение».
EVENT_NOUNS_NEED_TAIL: frozenset[str] = frozenset("оглашение вынесение открытие слушание слушания игра акция праздник приём прием".split())
# Heads that need a complement or an owner: «в своём обращении», «обращение к народу», not «в обращении».
EVENT_NOUNS_NEED_TAIL_OR_OWNER: frozenset[str] = frozenset("обращение послание видеообращение".split())
# Heads whose plural still names one occasion.
PLURAL_EVENT_NOUNS: frozenset[str] = frozenset("переговоры слушания торжества кулуар".split())  # «кулуар»: pymorphy3 lemma of «кулуары»
# Acts of speaking: without a complement they are the speech given at the occasion already named.
SPEECH_ACT_NOUNS: frozenset[str] = frozenset("выступление доклад речь".split())

# Heads so generic that a more specific mention of the same occasion names it better.
GENERIC_EVENT_NOUNS: frozenset[str] = frozenset("мероприятие событие торжество".split())

# Words before an event noun that make it the occasion of the sentence: «на заседании», «в ходе визита».
EVENT_PREPOSITIONS: frozenset[str] = frozenset("на в во после с".split())
# Two-word prepositions: «во время», «в ходе», «по итогам», «в рамках», «по окончании», «по завершении».
EVENT_PREPOSITIONS_2: frozenset[tuple[str, str]] = frozenset({
    ("во", "время"), ("в", "ходе"), ("по", "итогам"), ("в", "рамках"), ("по", "окончании"),
    ("по", "завершении"), ("в", "кулуарах"), ("по", "результатам"), ("в", "ходе"), ("на", "полях"),
})
# Occasions whose place is where one travels to: «визит в Китай».
TRAVEL_EVENT_NOUNS: frozenset[str] = frozenset("визит поездка турне".split())
# Verbs in the past whose subject is an occasion held: «состоялось заседание», «прошла встреча».
EVENT_HELD_VERBS: frozenset[str] = frozenset("состояться пройти проходить открыться начаться завершиться".split())
# Verbs whose direct object is an occasion: «провёл совещание», «дал интервью».
EVENT_OBJECT_VERBS: frozenset[str] = frozenset("провести проводить дать давать созвать открыть открывать".split())
# Verbs that govern «с + instrumental event»: «выступил с обращением», «прибыл с визитом», «поздравил с открытием».
EVENT_WITH_VERBS: frozenset[str] = frozenset(
    "выступить выступать прибыть прибывать приехать находиться поздравить поздравлять обратиться".split()
)
# Prepositions that open a complement kept in the event name, by the case they govern.
EVENT_TAIL_PREPOSITIONS: dict[str, str] = {"с": "ablt", "со": "ablt", "к": "datv", "по": "datv"}
# What a speaker comes to an occasion with is the verb's, not the occasion's: «выступил на заседании
# с отчётом», «… с докладом», «… с предложением».
SPEAKER_WITH_NOUNS: frozenset[str] = frozenset(
    "отчет отчёт доклад речь предложение заявление обращение инициатива презентация сообщение "
    "приветствие поздравление лекция".split()
)
# Prepositions that join a second occasion to the first: «пресс-конференция после матча» is
# one occasion, the press conference, named with the match it followed.
EVENT_TAIL_EVENT_PREPOSITIONS: dict[str, str] = {"после": "gent", "перед": "ablt", "накануне": "gent"}
# Multi-word complements: «по случаю 30-летия», «по поводу», «в честь», «на тему», «по вопросам».
EVENT_TAIL_PHRASES: frozenset[tuple[str, str]] = frozenset({
    ("по", "случаю"), ("по", "поводу"), ("в", "честь"), ("на", "тему"), ("по", "вопросам"), ("по", "вопросу"),
})
# Verbs that, in the future, the present or as a short participle, say the occasion is still to come:
# «встреча состоится», «намечено совещание», «планируется визит».
EVENT_FUTURE_VERBS: frozenset[str] = frozenset("""
состояться пройти проходить планировать планироваться запланировать наметить намечать намечаться
предстоять назначить готовиться ожидаться провести собраться
""".split())
# Occasions named by a verb in the headline or lead when the article names none by a noun:
# verb lemma -> (the event noun, the prepositions of the complement it needs with their case).
# «обратился к жителям края» → «обращение к жителям края»; «обратился в суд» names no occasion,
# nor «выступил против/за», so each verb needs its complement. «посетить» takes a place as its object.
EVENT_VERB_NOUNS: dict[str, tuple[str, dict[str, str]]] = {
    "обратиться": ("обращение", {"к": "datv", "ко": "datv"}),
    "выступить": ("выступление", {"перед": "ablt"}),
    "встретиться": ("встреча", {"с": "ablt", "со": "ablt"}),
    "посетить": ("визит", {}),
}
# Verbs that, in any form, say the occasion did not take place: «встречу отменили».
EVENT_CANCEL_VERBS: frozenset[str] = frozenset("перенести переносить отменить отменять отложить откладывать сорвать".split())

# Weekdays, Monday first, by lemma.
WEEKDAYS: tuple[str, ...] = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
