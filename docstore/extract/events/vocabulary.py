"""The words the event finder knows: occasion nouns, what introduces them, what ends their phrase,
places, court hearings, verbs of holding, cancelling and naming an occasion. Lists of words are
written as the lexicon writes them, one string split on spaces."""

# ruff: noqa: SIM905

from __future__ import annotations

import re

from docstore.extract import lexicon

# shared with the quote finder: verbs of speech, nouns of organisations
SPEECH_VERBS = lexicon.SPEECH_VERBS
ORG_NOUNS = lexicon.ORG_NOUNS

# Nouns that name an occasion where things are said or done, as lemmas.
EVENT_NOUNS: frozenset[str] = frozenset("""
заседание совещание коллегия собрание мероприятие форум саммит съезд визит встреча переговоры
брифинг пресс-конференция пресс-подход интервью обращение выступление церемония конференция сессия
матч игра выставка открытие пленум симпозиум конгресс семинар круглый-стол видеоконференция
селектор торжество праздник прием приём заслушивание слушание слушания беседа послание
презентация фестиваль турнир чемпионат концерт митинг акция парад концерт инаугурация
ассамблея курултай пресс-тур телемост вебинар хурал видеообращение доклад речь
оглашение вынесение сход кулуар ярмарка кинофестиваль премьера показ смотр слёт слет
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
# Occasions named after their town: «Красноярская ярмарка», «Московский кинофестиваль» were held there.
TOWN_OCCASION_NOUNS: frozenset[str] = frozenset("ярмарка фестиваль кинофестиваль форум выставка биеннале марафон".split())
# Roles of a town's head, before the town in the genitive: «мэр Самары», «вице-губернатор Петербурга».
TOWN_ROLE_NOUNS: frozenset[str] = frozenset(
    "мэр вице-мэр глава градоначальник аким замакима губернатор вице-губернатор сити-менеджер".split()
)
# Words after a place that make it a region or a district, not a town: «Новосибирская область».
REGION_NOUNS: frozenset[str] = frozenset("область край республика округ район регион губерния автономия".split())

# Heads that name an occasion only with a complement or an adjective: «в эфире телемарафона»,
# «в прямом эфире», not a bare «в эфире».
EVENT_NOUNS_NEED_TAIL_OR_ADJECTIVE: frozenset[str] = frozenset("эфир радиоэфир".split())

# Words of a court article that stand for the hearing where things were said: «в суде» →
# «заседание суда». Only in an article that names a court.
COURT_HEARING_NOUNS: frozenset[str] = frozenset("суд".split())
# Stages of a trial, named as the text names them, only in an article that names a court: «в прениях
# (сторон)» → «прения сторон», «выступил с последним словом» → «последнее слово», «на процессе по делу …».
COURT_OCCASION_NOUNS: frozenset[str] = frozenset("прения процесс".split())
COURT_OCCASION_PHRASES: dict[tuple[str, str], str] = {("последний", "слово"): "последнее слово"}
COURT_OCCASION_TAILS: dict[str, str] = {"прения": "сторон"}  # the complement a bare one goes without
# «процесс» is a trial only «на процессе» or with its case («по делу», «над»): not «в процессе обсуждения».
TRIAL_PREPOSITIONS: frozenset[str] = frozenset("на после".split())
TRIAL_TAILS: tuple[str, ...] = ("по делу", "над ")
# Adjectives of a court named after a district or a region, not a town: «Ленинский районный суд».
DISTRICT_ADJECTIVES: frozenset[str] = frozenset(
    "районный межрайонный областной краевой окружной республиканский гарнизонный".split()
)
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
    ("оперативный", "штаб"): "оперативный штаб",  # «на оперативном штабе»: its sitting
}
# Ordinals that tell two occasions of one kind apart («первая встреча», «вторая встреча»), from the first on.
ORDINAL_STEMS: tuple[str, ...] = ("перв", "втор", "трет", "четв", "пят", "шест", "седьм", "восьм", "девят", "десят")

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
    ("в", "начале"), ("самом", "начале"), ("в", "конце"), ("самом", "конце"), ("в", "завершение"),
})
# Verbs of coming to an occasion, which take it in the accusative: «приехал на встречу», «пришли на митинг».
EVENT_ARRIVE_VERBS: frozenset[str] = frozenset(
    "приехать прийти прибыть прилететь съехаться собраться пожаловать заглянуть".split()
)
# Occasions whose place is where one travels to: «визит в Китай».
TRAVEL_EVENT_NOUNS: frozenset[str] = frozenset("визит поездка турне".split())
# Verbs in the past whose subject is an occasion held: «состоялось заседание», «прошла встреча».
EVENT_HELD_VERBS: frozenset[str] = frozenset("состояться пройти проходить открыться начаться завершиться".split())
# Verbs whose direct object is an occasion: «провёл совещание», «дал интервью».
EVENT_OBJECT_VERBS: frozenset[str] = frozenset(
    "провести проводить дать давать созвать открыть открывать предоставить предоставлять".split()
)
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
