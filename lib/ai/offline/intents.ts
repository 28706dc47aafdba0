import { normalize } from "./reply-text";

// What the client asks for, read from phrases rather than single words: "сколько" alone is neither a price
// nor a duration, "работаете в Балашихе" is a place and "работаете в субботу" a time. Each cue has a strength
// (1: the phrase says it; lower: a word that usually means it), and a cue right after a negation ("не
// перезванивайте", "don't call") counts as negated, which the engine treats as "a person should read this".

export const INTENTS = ["price", "duration", "hours", "area", "address", "booking", "callback", "human"] as const;
export type Intent = (typeof INTENTS)[number];

export type IntentHit = {
  intent: Intent;
  strength: number;
  negated: boolean;
  cue: string;
  /** "Без записи можно?": not a request for a slot but a question about the booking rule. */
  without?: boolean;
};

type Cue = { intent: Intent; strength: number; pattern: RegExp };

const B = "(?<![\\p{L}\\p{N}])";
const DAYS_RU =
  "(?:выходн|суббот|воскресен|праздн|понедельн|вторн|сред[уаы]|четверг|пятниц|будн|сегодня|завтра|вечер|утр|ноч)";
const cue = (intent: Intent, strength: number, source: string): Cue => ({
  intent,
  strength,
  pattern: new RegExp(`${B}(?:${source})`, "gu"),
});

// The hour after the day ("в пятницу в 12"), and the near days said without a preposition ("замер завтра после
// обеда"); the day may come first ("можно в субботу на шиномонтаж?", group 3).
const AT_HOUR = "(?: (?:в|к|на) \\d{1,2}(?::\\d\\d)?)?";
const NEAR_DAY = "(?:сегодня|завтра|послезавтра)";
// Only a part of the day may follow it: in "можно завтра оплатить картой?" what follows is the question.
const DAY_PART = "(?: (?:утром|вечером|дн[её]м|в обед|после обеда|с утра|до обеда))?";
// A service on a named day or time is a request for that slot: "можно на чистку в пятницу вечером?", "хочу
// заказать генеральную на четверг", "can I do the placement test tomorrow at 11?". What stands between (group 1
// or 2) must be a service of the business, which the engine checks: "можно оплатить в пятницу?" is no booking.
const BOOK_SERVICE = `(?:можно|хочу|хотела?|хотим) (?!ли )(?:(?:заказать|оформить) )?((?:\\p{L}+ ){0,4}?)(?:(?:в|во|на) (?:${DAYS_RU}\\p{L}*(?:${DAY_PART}|(?: \\p{L}+)?)${AT_HOUR}(?=\\s*(?:[?,.!]|$))|\\d{1,2}(?::\\d\\d)?(?![\\p{L}\\d])(?!\\s*(?!утра|вечера|дня|часов|часа)\\p{L}))|${NEAR_DAY}${DAY_PART}${AT_HOUR}(?=\\s*(?:[?,.!]|$)))|(?:можно|хочу|хотела?|хотим) (?:в|во|на) ${DAYS_RU}\\p{L}*(?: \\p{L}+)?${AT_HOUR} (?:на|к) ((?:\\p{L}+ ){0,2}\\p{L}+)(?=\\s*(?:[?,.!]|$))|(?:can|could|may) (?:i|we) (?:do|come for|come in for) ((?:the |a |an |my )?(?:\\p{L}+ ){0,3}?)(?:tomorrow|today|tonight|on (?:mon|tue|wed|thu|fri|sat|sun)\\p{L}*|at \\d)|(?:можно|хочу|хотела?|хотим) ${NEAR_DAY}${DAY_PART}${AT_HOUR} (?:на|к) ((?:\\p{L}+ ){0,2}\\p{L}+)(?=\\s*(?:[?,.!]|$))|(?:можно|могу|можем) (?:привезти|завезти|занести|сдать|пригнать) ((?:\\p{L}+ ){0,2}?)(?:(?:в|во|на) ${DAYS_RU}|${NEAR_DAY})|(?:can|could|may) (?:i|we) (?:bring|drop(?: off)?) ((?:the |a |an |my )?(?:\\p{L}+ ){0,2}?)(?:in |off )?(?:tomorrow|today|(?:on )?(?:mon|tue|wed|thu|fri|sat|sun)\\p{L}*)|(?:можно|хочу|хотела?) (?:(?:в|во|на) ${DAYS_RU}\\p{L}*|${NEAR_DAY})(?: (?:утром|вечером|дн[её]м|после обеда|с утра))? (\\p{L}{4,}(?: (?:с|со) \\p{L}+)?)(?=\\s*(?:[?,.!]|$))|нужн(?:ен|на|о|ы) ((?:\\p{L}+ ){1,2}?)(?:(?:в|во|на) ${DAYS_RU}|${NEAR_DAY})|(?:хочу|хотим|хотела?|можно) (?:заказать|вызвать|забронировать) ((?:\\p{L}+ ){0,1}\\p{L}+)(?:(?: на| в| во)(?: эт[уои]| следующ\\p{L}*)? ${DAYS_RU}\\p{L}*)?(?=\\s*(?:[?,.!]|$))`;
export const BOOK_SERVICE_STRENGTH = 0.95;
export const BARE_PRICE_STRENGTH = 0.89;

// Not "сколько стоит" (its own cue), nor how long or how many ("сколько по времени", "сколько ждать", "дней").
const BARE_PRICE =
  "сколько(?!(?: \\p{L}+){0,2} (?:стоит|стоят|стоить|будет|по времени|времени|ждать|длится|делается|делаются|займ[её]т|занимает|дней|дня|часов|часа|минут|лет|раз|человек|штук)(?![\\p{L}]))(?=((?: \\p{L}+){1,3})\\s*(?:[?!.,\\n]|$|(?: и| а) ))";

/** The things each bare "сколько X" of the text names. */
export const pricedThings = (text: string) =>
  [...normalize(text).matchAll(new RegExp(BARE_PRICE, "gu"))].map((m) => m[1].trim());
const BRING = "привезти|завезти|занести|сдать|пригнать|bring|drop off|drop";
// Coming in is the visit itself: "можно завтра после обеда подойти?" names no service.
const VISIT = "подойти|прийти|приехать|подъехать|зайти|заехать";

/** What a "можно на X в пятницу" request names as X ("" when nothing), or null when it is no such request. */
export function bookedThing(text: string): string | null {
  const m = new RegExp(`${B}(?:${BOOK_SERVICE})`, "u").exec(normalize(text));
  // The day and time words around it are the slot, not the thing: "на диагностику завтра в 11".
  const thing = m ? (m.slice(1).find((g) => g !== undefined) ?? "") : null;
  // Bringing the thing in is the visit, not a service: "можно привезти ноут в четверг?" books for the laptop.
  return thing === null
    ? null
    : thing
        .replace(new RegExp(`${B}${DAYS_RU}\\p{L}*`, "gu"), " ")
        .replace(new RegExp(`${B}(?:${BRING}|${VISIT})(?![\\p{L}])`, "gu"), " ")
        .trim();
}

const CUES: Cue[] = [
  cue(
    "price",
    1,
    "сколько (?:\\p{L}+ ){0,2}(?:стои|стоя|будет стоить|обойдет|обойдется|денег|руб)|(?:сколько )?по деньгам|сколько (?:\\p{L}+ ){0,2}(?:выйдет|выходит)|стоимост|цен[аыуеой]?(?![\\p{L}])|расценк|почем(?!у)(?: (?:выходит|будет|обойдется))?|прайс|во что обойд|доплат\\p{L}*|доплачива\\p{L}*|сколько (?:\\p{L}+ )?будет(?=\\s*(?:[?!.\\n]|$))|сколько за \\d+",
  ),
  cue("price", 0.9, "(?:бес)?платн"),
  // "Маникюр сколько?", "сколько педикюр у вас?": a bare "сколько" after (or around) a thing is its price.
  // "Немецкий группа сколько в месяц": so much a month, a week or a lesson is the price by its unit.
  cue(
    "price",
    0.9,
    "сколько (?:(?:в|за) (?:месяц|неделю|час|день|год|занятие|урок|лист|страницу|штуку|шт|пачку|метр|квадрат|м2|человека))(?=\\s*(?:[?!.,\\n]|$))",
  ),
  cue("price", 0.9, "сколько(?=\\s*(?:[?!.\\n]|$))|сколько(?=(?: \\p{L}+){1,3} у вас\\s*(?:[?!.\\n]|$))"),
  // "Сколько проверка зрения?", "сколько замена масла и …": a bare "сколько" before a thing the business sells
  // (checked against the profile in intentsFor: "сколько учеников в группе?" asks no price).
  cue("price", BARE_PRICE_STRENGTH, BARE_PRICE),
  cue("price", 0.9, "how much(?=\\s*(?:[?!.\\n]|$))"),
  // Only "free" is the cue: the words between are the subject ("is parking free" asks about parking).
  cue(
    "price",
    0.9,
    "(?<=(?:is|are) [\\p{L} ]{0,30})free(?![\\p{L}])(?! (?:slots?|times?|days?))|free of charge|for free",
  ),
  cue(
    "price",
    1,
    "how much (?!time)(?:is|are|does|do|would|will|for|to|it|a|the)|what do you charge|how much do you charge|pric(?:e|es|ing)|costs?(?![\\p{L}])|rates?(?![\\p{L}])|fees?(?![\\p{L}])|charge",
  ),
  cue(
    "duration",
    1,
    "сколько (?:\\p{L}+ ){0,3}(?:по )?времени|сколько (?!(?:в|за) (?:месяц|недел|час|день|год|занят|урок))(?:\\p{L}+ )?(?:дней|недел|месяц|час)|как долго|за какой срок|срок|займет|занимает|длится|за сколько (?:дней|недель|времени)|долго(?= \\p{L}+\\s*\\?)|долго(?=\\s*\\?)",
  ),
  cue(
    "duration",
    1,
    "how long|how much time|how many (?:days|weeks|months|hours)|timeline|duration|take(?:s)? to (?:finish|complete|do)",
  ),
  // "Сколько делается ремонт?", "сколько изготавливается?": how long the job is, not what it costs.
  cue("duration", 1, "сколько (?:\\p{L}+ )?(?:дела(?:ется|ете|ют)|изготавлива\\p{L}*|готови(?:тся|те))(?![\\p{L}])"),
  cue(
    "hours",
    1,
    `(?:во сколько|когда) (?:\\p{L}+ ){0,2}(?:ранн|поздн)\\p{L}*(?: \\p{L}+){0,2} (?:приехать|прийти|подъехать|зайти|заехать|открываетесь|начинаете)|(?:the )?(?:earliest|latest) (?:you open|you close)|график|час(?:ы|ах) работы|режим работы|до скольки|со? скольки|во сколько (?:вы |\\p{L}+ )?(?:${DAYS_RU}\\p{L}* )?(?:открыва|закрыва|начина|заканчива)|с какого часа|открыт|выходные дни`,
  ),
  cue(
    "hours",
    1,
    `(?:работаете|работает|отвечаете|отвечает) (?:ли )?(?:(?:в|во|по|на) )?${DAYS_RU}|работаете (?:ли )?(?:без выходных|круглосуточно)`,
  ),
  // Coming on a day is asking whether it is open then: "можно приехать в шоурум в воскресенье?".
  cue(
    "hours",
    0.9,
    `(?:можно|могу|можем) (?:прийти|приехать|подъехать|зайти|заехать)(?= (?:\\p{L}+ ){0,3}(?:в|во) ${DAYS_RU})`,
  ),
  // The day first: "в воскресенье работаете?", "ночью работаете?", "поддержка в субботу отвечает?".
  cue(
    "hours",
    1,
    `(?:(?:в|во|по|на) )?${DAYS_RU}\\p{L}* (?:вы |ли )?(?:работаете|работает|отвечаете|отвечает|открыты)`,
  ),
  // Other verbs of being open on a day: "в субботу принимаете?", "в воскресенье убираете?", "в воскресенье
  // можно подъехать?".
  cue(
    "hours",
    0.9,
    `(?:(?:в|во|по) )?${DAYS_RU}\\p{L}* (?:вы |ли )?(?:принимаете|принимает|убираете|открываетесь|ведете прием)(?![\\p{L}])(?! (?:оплат|карт|налич|полис|дмс|заказ)\\p{L}*)|(?:в|во) ${DAYS_RU}\\p{L}* (?:к вам )?(?:можно|могу|можем) (?:прийти|приехать|подъехать|зайти|заехать)(?:(?: \\p{L}+){1,3})?(?=\\s*(?:[?.!]|$))`,
  ),
  // Making it there by a time, or coming now, is asking whether they are open then: "успею к 7 вечера подъехать?",
  // "можно привезти сейчас?", "can I come in now?".
  cue(
    "hours",
    0.9,
    "успе\\p{L}* (?:\\p{L}+ |\\d{1,2}(?::\\d\\d)? ){0,3}?(?:подъехать|приехать|прийти|заехать|зайти|доехать)|(?:можно|могу|можем) (?:привезти|приехать|подъехать|прийти|зайти|заехать) (?:\\p{L}+ )?(?:сейчас|ночью)(?=\\s*(?:[?.!]|$))|(?:can|could) (?:i|we) (?:come|come in|drop by|bring \\p{L}+(?: in)?) (?:right )?(?:now|tonight)(?=\\s*(?:[?.!]|$))",
  ),
  cue(
    "hours",
    1,
    "круглосуточно|24/7|(?:open|work) 24 hours|do you (?:work|open) (?:on )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?|holidays?)(?![\\p{L}])|(?:what are |what're )?your hours(?![\\p{L}])|hours on (?:\\p{L}+days?|weekends?)|(?:mon|tues|wednes|thurs|fri|satur|sun)days? hours|weekend hours|when (?:are you|do you)(?: guys)? (?:open|close)",
  ),
  cue(
    "hours",
    1,
    "opening hours|(?:business|working|office) hours|are you open|(?:open|opened) (?:on|at|today|tomorrow|saturdays?|sundays?|weekends?|late)|what time do you (?:open|close)|when (?:are you|do you) (?:open|close)|(?:until|till) what time",
  ),
  cue(
    "area",
    1,
    `(?:работаете|выезжаете|приезжаете|обслуживаете|делаете ремонт|ездите|едете|привезете|доставите) (?:ли )?(?:на дом )?(?:в|во) (?!${DAYS_RU})|(?:в|во) (?!${DAYS_RU})(?=\\p{L}+ (?:ездите|выезжаете|привезете|доставите)(?![\\p{L}]))`,
  ),
  // Someone sent to a named place: "мастер в Химки выезжает?", "на Таганку мастер может приехать?", "на дом в
  // Ново-Савиновский район приедете?".
  cue(
    "area",
    0.9,
    `(?:в|во|на) (?!${DAYS_RU})[\\p{L}-]+(?: [\\p{L}-]+){0,3} (?:выезжает|приезжает|ездит|приедете|приедет|(?:может|можете|сможете) приехать)(?=\\s*(?:[?.!]|$))`,
  ),
  cue("area", 0.9, "(?:pick(?:ing)? up|collect)(?: [\\p{L}-]+){0,3} (?:from|in) (?!home|work|the )"),
  // Where the client is or where it is to go: "Я из Казахстана, могу у вас учиться?", "Доставляете в Москву?".
  cue(
    "area",
    0.9,
    "(?:я |мы )?(?:живу|живем|нахожусь|находимся) (?:в|во)(?= \\p{L}+)|(?<![\\p{L}])я из(?= \\p{L}+)|(?:i|we) (?:live|am|'m|are) (?:in|from)(?= (?!a |the )\\p{L}+)",
  ),
  cue("area", 1, "(?:доставляете|отправляете|возите) (?:ли )?(?:в|во|по) |(?:do you )?(?:deliver|ship) to "),
  // A town named before the verb: "Арзамас обслуживаете?".
  cue("area", 0.9, "(?<=\\p{L}{4,} )(?:выезжаете|ездите)(?=\\s*\\?)"),
  cue(
    "area",
    1,
    `(?:в|во) (?!${DAYS_RU})(?=\\p{L}+ (?:вы )?(?:работаете|выезжаете|приезжаете|делаете|обслуживаете))|зон[аыу] (?:работы|обслуживания|выезда)|в каких (?:районах|городах|областях)|(?:по|в) (?:области|району|городу)|какие районы|выезд за (?:город|мкад)`,
  ),
  // A district or region named: "на дом в Приволжский район", "по Ленобласти" ("в районе 5 тысяч" is a sum).
  cue(
    "area",
    0.9,
    "(?:в|во|по|на) (?:[\\p{L}-]+ )?(?:район|округ|микрорайон|поселок|пригород)\\p{L}*(?! \\d)|(?:в|во|по) \\p{L}*област\\p{L}*",
  ),
  cue(
    "area",
    1,
    "do you (?:work|operate|serve|cover|come|travel|go)(?: to| in| out to)? (?!on |at |weekends|saturday|sunday)|service area|which (?:areas|cities|towns|districts)|areas? (?:do )?you (?:cover|serve)",
  ),
  cue(
    "address",
    1,
    "адрес|где (?:вы |\\p{L}+ )?(?:находитесь|находится|расположен)|где (?:вы|у вас)(?=\\s*(?:[?.!]|$))|где (?:у вас )?(?:ваш\\p{L}* )?(?:шоурум|офис|салон|студия|клиника|магазин|клуб|сервис|мастерская)(?=\\s*(?:[?.!,]|$))|(?<![\\p{L}])вы (?:возле|рядом с|около|недалеко от)(?= \\p{L})|are you (?:near|close to|next to)(?= \\p{L})|где (?:вас|вас можно) найти|в каком (?:тц|трц|торговом центре|бизнес-центре|бц|здании|корпусе)|на каком этаже|как (?:к вам )?(?:добраться|проехать)|ваш офис|address|where (?:are you|is your office|(?:is|are) (?:the|your) (?:office|clinic|salon|studio|workshop|shop|store|garage|gym|school|kiosk|stand|premises|centre|center|location)s?(?![\\p{L}]))|located",
  ),
  cue(
    "address",
    0.9,
    "where is (?:the|your) \\p{L}+ (?:club|office|clinic|salon|studio|shop|store|gym|branch|location)",
  ),
  cue(
    "booking",
    1,
    // Coming at a named time is asking for that slot: "could I come tomorrow at 11", "можно прийти завтра в 11".
    `(?:can|could|may) (?:i|we|someone|somebody|you|the \\p{L}+|a \\p{L}+) (?:come|drop by|stop by|come in|come by|pop in|come over|come round)(?=[^?.!\\n]*(?:at \\d|\\d:\\d\\d|\\d ?(?:am|pm)|noon|tomorrow|tonight|(?:on )?(?:mon|tues|wednes|thurs|fri|satur)day))|можно (?:прийти|приехать|подъехать|подойти|зайти|заехать)(?=[^?.!\\n]*(?:(?:в|к|на) \\d|\\d:\\d\\d))|(?:(?:в|во|на) ${DAYS_RU}\\p{L}*|${NEAR_DAY})${DAY_PART} можно (?:прийти|приехать|подъехать|подойти|зайти|заехать) (?:на|к) (?!\\d)\\p{L}`,
  ),
  cue(
    "booking",
    1,
    "запис(?:ат|ыв|а(?![\\p{L}])|и(?![\\p{L}])|ь|ите|ку)|запиш|забронир|бронь|назначить|вызвать (?:замерщика|мастера|специалиста)|окош(?:к|еч)|свободн\\p{L}* (?:время|окн|дат|слот|мест)|ближайш\\p{L}* (?:свободн\\p{L}* )?(?:время|окн|окош|слот|дат)|когда (?:можно|сможете|могу) (?:приехать|подъехать|прийти|записаться)|когда (?:можете|сможете)(?=\\s*(?:[?.!]|$))",
  ),
  // A place asked for on a named day or hour is a slot asked for: "в четверг в 18 есть место?", "на завтра есть
  // окошко?"; "есть место на парковке?" names no day.
  cue(
    "booking",
    1,
    `(?:(?:в|во|на) (?:${DAYS_RU})\\p{L}*|${NEAR_DAY})${DAY_PART}${AT_HOUR} (?:у вас )?(?:есть|будет) (?:ли )?(?:у вас )?(?:свободн\\p{L}* )?(?:мест(?:о|а|ечко)|окн\\p{L}*|время)(?![\\p{L}])`,
  ),
  // A day the client proposes or a visit they ask for on one: "давайте во вторник утром", "заберите ковер в среду".
  cue(
    "booking",
    1,
    `(?:давайте|давай) (?:(?:в|во|на) ${DAYS_RU}|${NEAR_DAY})|(?:заберите|приезжайте|приходите|приедьте) (?:\\p{L}+ ){0,2}(?:(?:в|во|на) ${DAYS_RU}|${NEAR_DAY})`,
  ),
  // A service on a named day or time is a request for that slot: "можно на чистку в пятницу вечером?", "хочу
  // заказать генеральную на четверг", "can I do the placement test tomorrow at 11?".
  cue("booking", BOOK_SERVICE_STRENGTH, BOOK_SERVICE),
  cue(
    "booking",
    1,
    "book(?:ing)?(?![\\p{L}])|appointment|schedule (?:a|an|the)|reserve|(?:free|available) (?:slots?|times?|days?)|make a reservation|when can (?:i|we) (?:come|come in|visit|drop by)(?! to (?:pick|collect|get))(?=\\s*(?:[?.!]|$))|(?:earliest|next|first) (?:free |available |open )?(?:slot|appointment|time)s?(?![\\p{L}])",
  ),
  cue(
    "callback",
    1,
    "перезвон|перезван|позвон\\p{L}* мне|позвоните(?![\\p{L}])(?! (?:нам|вам|по номеру))|мне позвон|наберите|(?:можете|могли бы|можно|сможете) (?:мне |меня )?набрать|свяжитесь со мной по телефону|звякн",
  ),
  cue(
    "callback",
    1,
    "call me|call back|callback|give me a (?:call|ring)|ring me|phone me|(?:pls|please|plz) call(?= (?:on |at )?\\+?\\d)",
  ),
  cue(
    "human",
    1,
    "(?:жив|реальн|настоящ)\\p{L}* (?:человек|оператор|менеджер|сотрудник)|(?:поговорить|связаться|общаться|переписываться|соединить|соедините) (?:\\p{L}+ )?(?:с|со) (?:человеком|оператором|менеджером|сотрудником|специалистом|администратором|админом|мастер\\p{L}*|прораб\\p{L}*|руководител\\p{L}*|директором)|(?:с|со) (?:человеком|оператором|менеджером|администратором|админом|руководител\\p{L}*|директором|начальник\\p{L}*) (?:\\p{L}+ )?(?:поговорить|связаться|пообщаться)|не (?:с )?(?:ботом|роботом)|оператор(?![\\p{L}])(?! (?:связи|сотов))|(?:жив|реальн|настоящ)\\p{L}* (?:мастер|врач|доктор|специалист|админ)\\p{L}*|(?:(?:позовите|дайте|пригласите) (?:\\p{L}+ )?|(?:можно|нужен|хочу|хотела?) )(?:менеджера|администратора|админа|руководителя|директора)(?![\\p{L}])|позовите|соедините|переключите на|позвать (?:менеджера|человека|оператора)",
  ),
  // A person by any role, said in the instrumental: "с флористом поговорить", "пообщаться с косметологом".
  cue(
    "human",
    0.95,
    "(?:поговорить|побеседовать|связаться|пообщаться|обсудить\\p{L}*) (?:\\p{L}+ )?(?:с|со) \\p{L}{3,}(?:истом|ологом|ором|ером|ёром|ником|чиком|щиком|ачом)(?![\\p{L}])|(?:с|со) \\p{L}{3,}(?:истом|ологом|ором|ером|ёром|ником|чиком|щиком|ачом) (?:\\p{L}+ )?(?:поговорить|побеседовать|связаться|пообщаться)",
  ),
  cue(
    "human",
    1,
    "(?:talk|speak|chat) (?:to|with) (?:a |an |the |some |your )?(?:person|human|real|live|manager|agent|operator|someone|somebody|owner|director|photographer|teacher|doctor|dentist|stylist|coach|trainer|technician|engineer|plumber|electrician|specialist|mechanic|tutor|instructor|master)|(?:human|person|manager|someone|somebody|agent|operator|owner) (?:i|we) (?:can|could) (?:talk|speak|chat)|(?:actual|real|live) (?:person|human)|real person|human agent|live agent|operator|not (?:with )?a (?:bot|robot)|(?:can|could) (?:a |an |some )?(?:human|person|real person|someone real) (?:reply|answer|respond|help)",
  ),
];

const NEGATION = /(?:^|[^\p{L}])(?:не|нельзя|не надо|не нужно|no need to|don'?t|do not|never|stop)\s+(?:\p{L}+\s+)?$/u;
// "Без записи можно?", "walk in without an appointment": asking about the rule, not for a slot.
const WITHOUT = /(?:^|[^\p{L}])(?:без|without|no)\s+(?:an?\s+|предварительной\s+)?$/u;

// Moving or cancelling a visit already booked is a question about the rule, not a request for a new slot:
// "можно будет перенести запись?", "what if I need to reschedule?".
const CHANGE_BOOKING =
  /(?<![\p{L}])(?:перенес|перенест|перенос|перезапис|отмен|поменять (?:время|дату|запись)|cancel|reschedul|postpone|(?:move|change) (?:my|the|our) (?:booking|appointment|session|reservation|time))/u;

// What booking takes — papers, a deposit, things to bring, whether one must book at all — is asked about, not a
// slot asked for: "какие документы нужны чтоб записаться?", "what do I need to book?", "надо записываться или
// можно просто прийти?".
const ABOUT_BOOKING =
  /(?<![\p{L}])(?:какие|какой|какая|что|что-то|what|which)(?![\p{L}])[^?.!\n]*(?:нужн|надо|требу|взять|принести|need|bring|required)\p{L}*[^?.!\n]*(?:запис|бронир|book|appointment)|(?:нужн|надо|требу|need|required)\p{L}*[^?.!\n]*(?:для|чтобы|чтоб|to|for) (?:записи|записаться|брони|бронирования|book|booking|an appointment|the appointment)|(?:нужн\p{L}*|надо|обязательно|необходимо)(?: ли)?(?: \p{L}+)? (?:записываться|записаться|бронировать|запись)|(?:do|does|should) (?:i|we|you) (?:need|have) (?:to (?:book|make an appointment|reserve)|an appointment|a booking)/u;

/** The message asks what booking takes rather than for a time. */
export const asksAboutBooking = (text: string) => ABOUT_BOOKING.test(normalize(text));

// Asked to confirm what the client did or booked ("подтвердите, что перенос прошёл", "can you confirm my booking"):
// a particular booking or order, which a person checks; "Подтверждаете ли вы запись?" asks the rule.
const CONFIRM =
  /(?<![\p{L}])(?:подтвердите|подтверди|(?:can|could) you (?:please |pls )?confirm|(?:please|pls|plz) confirm)(?![\p{L}])/u;

/** The client asks to confirm something of their own. */
export const asksConfirmation = (text: string) => CONFIRM.test(normalize(text));

/** The message is about changing or cancelling an existing booking. */
export const changesBooking = (text: string) => CHANGE_BOOKING.test(normalize(text));

export function detectIntents(text: string): IntentHit[] {
  const t = normalize(text);
  const changing = CHANGE_BOOKING.test(t);
  const best = new Map<Intent, IntentHit>();
  for (const c of CUES) {
    for (const m of t.matchAll(c.pattern)) {
      const before = t.slice(Math.max(0, (m.index ?? 0) - 24), m.index);
      if (c.intent === "booking" && changing) continue;
      const without = c.intent === "booking" && WITHOUT.test(before);
      const negated = NEGATION.test(before) || without;
      const hit: IntentHit = {
        intent: c.intent,
        strength: c.strength,
        negated,
        cue: m[0],
        ...(without && { without }),
      };
      const prev = best.get(c.intent);
      // A plain cue outranks a negated one: "не звоните днём, перезвоните вечером" is still a call-back.
      if (!prev || (prev.negated && !hit.negated) || (prev.negated === hit.negated && hit.strength > prev.strength)) {
        best.set(c.intent, hit);
      }
    }
  }
  return [...best.values()];
}

// A particular day the business may keep other hours on: a week's schedule does not say it is open then.
const HOLIDAY =
  /(?<![\p{L}])(?:праздник|праздничн|новый год|новогодн|нового года|рождеств|christmas|new year|holiday|thanksgiving|easter|пасх|\d{1,2}(?:\.\d{1,2}| (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))/u;

/** The question names a holiday or a date, which working hours by weekday do not answer unless they say it. */
export const namesSpecialDay = (text: string) => HOLIDAY.test(normalize(text));

/** The text without its intent cues, so what is left is the subject ("ремонт ванной"). */
export function withoutCues(text: string): string {
  let t = normalize(text);
  for (const c of CUES) {
    // Up to the end of a word the cue cuts ("записат|ься"), so no stray ending is left to look like a subject.
    t = t.replace(c.pattern, (m: string) => (/\p{L}$/u.test(m) ? " \u0000" : " "));
    t = t.replace(/\u0000\p{L}*/gu, " ");
  }
  return t;
}

/** Asks something: a question mark, an interrogative opening, or a recognised request. */
export function isQuestion(text: string, hits: IntentHit[]): boolean {
  if (hits.length > 0 || text.includes("?")) return true;
  return /^(?:как|где|когда|сколько|почему|зачем|какой|какая|какие|можно|есть ли|а есть|do|does|can|could|is|are|what|when|where|how|which|will|would)(?![\p{L}])/u.test(
    normalize(text.trim()),
  );
}

// A discount, deal or promotion is a negotiation unless the business's own FAQ speaks of it: "скидку сделаете?",
// "any Black Friday deals?", "a discount if I book 2 sessions" (a condition, not a booking).
// "Скиньте адрес" asks to be sent something, not for money off.
const DISCOUNT =
  /(?<![\p{L}])(?:скидк|скидоч|акци(?:я|и|ю|ей|ях)(?![\p{L}])|промокод|распродаж|дешевле|подешевле|уступит|уступите|сторговат|торг(?![\p{L}])|(?<!(?:адрес|номер|телефон|фото|ссылк|прайс|контакт|реквизит)\p{L}* )скин(?:ете|ьте|уть)(?! (?:пожалуйста |пжл |плз )?(?:адрес|номер|телефон|фото|ссылк|геолокац|локац|прайс|меню|реквизит|контакт)\p{L}*)|discount|deals?(?![\p{L}])|promo|coupon|voucher code|on sale|black friday|cyber monday|cheaper|special offer|price match|(?:do|make) it for (?:£|\$|€)?\d|(?:сделаете|сделать|отдадите|отдать) (?:\p{L}+ )?за \d)/u;

export const asksDiscount = (text: string) => DISCOUNT.test(normalize(text));

// Someone in particular — a master, a doctor, a teacher, "к ней" — whose days the business hours do not give.
const PERSON =
  /(?<![\p{L}])(?:мастер(?![\p{L}]*-класс)(?:ица|а|у|ом|е)?|врач(?:а|у|ом)?|доктор(?:а|у|ом)?|стоматолог(?:а|у|ом)?|хирург|ортодонт|терапевт|тренер(?:а|у|ом)?|преподавател[ьяюем]|препод|учител[ьяюем]|педагог|фотограф(?:а|у|ом)?|парикмахер|стилист|колорист|косметолог|клинер|к ней|к нему|у нее|у него|the (?:master|doctor|dentist|hygienist|teacher|tutor|trainer|coach|instructor|photographer|stylist|therapist)|dr\.? \p{L}+|(?:is|does) (?:she|he) (?:work|in|available)|with (?:her|him)(?![\p{L}]))(?![\p{L}])/u;

/** A particular person's days or availability is asked about (or the client wants one person only). */
export const namesPerson = (text: string) => PERSON.test(normalize(text)) || NAMED_PERSON.test(text);

/** One person by name or "only her": the free slots are the business's, not that person's. */
export const namesParticular = (text: string) => NAMED_PERSON.test(text) || ONLY_THEM.test(normalize(text));
const ONLY_THEM =
  /(?<![\p{L}])(?:к ней|к нему|only (?:with )?(?:her|him)|same (?:master|stylist|doctor|teacher|photographer))(?![\p{L}])/u;

// A capitalised first name right after a role word or before a singular verb: "Мастер Оля", "Оля завтра работает?",
// "к оптометристу Ирине", "with instructor Marta".
const NAMED_PERSON =
  /(?:[Мм]астер|[Вв]рач|[Дд]октор|[Тт]ренер|[Фф]отограф|[Пп]реподаватель)\s+\p{Lu}\p{Ll}+|(?<![\p{L}])(?:к|ко|у|with) \p{Lu}\p{Ll}{2,}(?![\p{L}])|(?<![\p{L}])(?:к|ко) \p{Ll}{3,}[ую] \p{Lu}\p{Ll}{2,}(?![\p{L}])|(?<![\p{L}])with (?:the |a |an |our |your )?\p{Ll}{3,} \p{Lu}\p{Ll}{2,}(?![\p{L}])|(?:[Ii]s|[Dd]oes) \p{Lu}\p{Ll}+ (?:work|working|available|in)(?![\p{L}])|(?<![\p{L}])(?!(?:Вы|Вас|Вам|Ваш|Мы|Салон|Клиника|Студия|Офис|Школа|Компания)(?![\p{L}]))\p{Lu}\p{Ll}{2,} (?:\p{Ll}+ )?(?:работает|принимает|будет)(?![\p{L}])/u;
