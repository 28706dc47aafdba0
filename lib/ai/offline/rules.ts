import type { Niche } from "@/lib/ai/analysis-schema";

// Keyword and pattern rules of the offline engine, Russian and English side by side. Word boundaries are written
// as (?<![\p{L}]) / (?![\p{L}]) because \b does not know Cyrillic. Patterns are stems, so inflections match.

const B = "(?<![\\p{L}])";
const E = "(?![\\p{L}])";
const rx = (source: string) => new RegExp(source, "iu");

// No "marketing" keywords: a marketing agency's clients all talk about ads, and that is not their niche; the
// engine sets niche "marketing" only for clients who are themselves targetologists or SMM specialists.
export const NICHE_KEYWORDS: Record<Exclude<Niche, "other" | "marketing">, { re: RegExp; weight: number }> = {
  medicine: {
    re: rx(
      `клиник|стоматолог|медицин|медцентр|врач|${B}лор|гинеколог|${B}мрт|${B}узи|clinic|dental|dentist|medical|doctor|physio`,
    ),
    weight: 2,
  },
  infobusiness: {
    re: rx(
      `онлайн-школ|онлайн школ|онлайн-курс|онлайн курс|инфобиз|марафон|вебинар|наставни|коуч|продюсер|запуск|эксперт|online course|online school|coach|webinar|course launch|info.?product|masterclass`,
    ),
    weight: 2,
  },
  education: {
    re: rx(
      `репетитор|${B}урок|занят|учени|${B}егэ|${B}огэ|английск|детск|${B}курсы|обучени|учеб|tutor|lesson|class(es)?${E}|exam|ielts|toefl|kids|pupil|student`,
    ),
    weight: 1,
  },
  beauty: {
    re: rx(
      `салон|маникюр|педикюр|ногт|ресниц|бров|стрижк|окрашиван|косметолог|массаж|барбер|парикмах|эпиляц|визаж|процедур|чистк|salon|nail|manicure|${B}lash|eyelash|${B}brows?${E}|eyebrow|haircut|hair|balayage|barber|massage|facial|make-?up|spa${E}`,
    ),
    weight: 2,
  },
  construction: {
    re: rx(
      `ремонт|строит|отделк|плитк|ванн|санузел|кухн|квартир|под ключ|фундамент|кровл|смет|замер|дизайн-проект|штукатур|электрик|сантехн|бригад|прораб|renovat|remodel|construct|contractor|bathroom|kitchen|tiling|flooring|roof|builder|extension|drywall|plumb|basement|estimat`,
    ),
    weight: 2,
  },
  ecommerce: {
    re: rx(
      `интернет-магазин|интернет магазин|маркетплейс|wildberries|вайлдберриз|${B}wb${E}|ozon|озон|карточ|товар|${B}склад|online store|e-?commerce|shopify|amazon|etsy|marketplace|product listing|sku`,
    ),
    weight: 2,
  },
  real_estate: {
    re: rx(`недвижим|риелтор|риэлтор|новострой|застройщик|real estate|realtor|property|realty`),
    weight: 2,
  },
};

/** Sentences where the client describes their own business weigh more for the niche than what they ask for. */
export const SELF_DESCRIPTION = rx(
  `${B}(мой|моя|моё|мое|мои|наш|наша|наше|у меня|у нас|мы)${E}|${B}(my|our|we|i run|i own|we're|we are)${E}`,
);

export const STAGE_PATTERNS = {
  lost: rx(
    `(не|уже не) актуальн|передумал|нашли (другого|других|друго|подрядчик)|выбрали (другого|других|друг)|(с )?друг(им|ого|ой|ую) (агентств|подрядчик|исполнител|мастер|компани|салон|школ|репетитор)|уже не нужн|пока не будем|не будем (заказ|продолж|работ)|отказыва|откажемся|слишком дорого|нам дорого|не потянем|не интересно|not interested|no longer (need|interested)|went with (another|someone else|a different)|decided (not to|to go with)|another (agency|contractor|salon|company|tutor|school)|chose (another|a different)|too expensive|we'?ll pass|cancel (the|our|my) (order|project|booking)`,
  ),
  closedIn: rx(
    `оплатил|оплатила|оплатили|перевел[аи]? (предоплат|оплат|деньг|аванс)|перевёл[аи]? (предоплат|оплат|деньг|аванс)|внес(ла|ли)? (предоплат|аванс)|подписал[аи]? договор|договор подписа|(i'?ve|we'?ve|just|have) paid|payment (is )?(sent|done|made|went through)|signed the contract|contract (is )?signed|sent the deposit|paid the (deposit|invoice)`,
  ),
  closedOut: rx(
    `оплат[ау] (получил|получена|поступил)|получили (оплату|предоплату|аванс)|спасибо за оплату|договор подписан|доступ (к курсу )?(открыт|отправил)|payment (received|confirmed)|thanks? (you )?for (your|the) payment|deposit received|contract (is )?signed|welcome aboard`,
  ),
  completed: rx(
    `спасибо за (консультацию|встречу|созвон|замер|разговор|звонок|диагностику|пробн)|после (консультации|встречи|созвона|замера|звонка|диагностики|пробного)|как (обсудили|договорились)|обсудили (вчера|сегодня|на)|пришлите (договор|кп|смету|коммерческ|счет|счёт)|жду (смету|договор|кп|счет|счёт)|thanks for (the|your|our) (call|consultation|meeting|time|visit|trial)|after (our|the) (call|meeting|consultation|visit|trial)|as (we )?discussed|send (me |us )?(over )?(the )?(contract|proposal|quote|estimate|invoice)`,
  ),
  bookedOut: rx(
    `записал[аи]? (вас|тебя)|вы записаны|жд[её]м вас|встреча назначена|созвон назначен|подтверждаю (запись|встречу|время|созвон)|замерщик (приедет|будет)|отправил[аи]? приглашение|you'?re (booked|scheduled|all set)|booked you|see you (on|at|tomorrow|then)|confirmed for|(meeting|call|appointment|consultation|visit) (is )?(scheduled|booked|confirmed)|calendar invite`,
  ),
  bookedIn: rx(`записал[аи]?сь|до встречи|увидимся|буду (в|к) \\d|see you (then|on|tomorrow)`),
  notQualifiedIn: rx(
    `просто (смотрю|интересуюсь|узнаю|спрашиваю|спросить)|пока (просто|только) (узнаю|смотрю|интересуюсь)|нет бюджета|бюджета (нет|пока нет)|денег (нет|пока нет)|${B}я студент|для учеб|ради интереса|бесплатно${E}|just (browsing|looking|curious|checking)|no budget|(don'?t|do not) have (a |any )?budget|i'?m a student|school project|for free${E}`,
  ),
  // The business declining: out of area, not a service it offers.
  notQualifiedOut: rx(
    `к сожалению,? (мы )?(не|только)|мы не (работаем|делаем|выезжаем)|работаем только|только в пределах|unfortunately,? we (don'?t|do not|only|can'?t)|we only work|we (don'?t|do not) (work|cover|do) `,
  ),
  // Signs the client asked to be booked but the business has not confirmed: still qualified, not booked.
  wantsBooking: rx(`записаться|хочу на (консультацию|замер|встречу)|book (a|an) (call|consultation|appointment)`),
};

export const BUDGET = rx(
  `\\d[\\d\\s.,]*\\s?(тыс|т\\.р|тр${E}|млн|руб|р\\.|₽|\\$|usd|долл|евро|€|dollars|bucks|eur)|\\d(к|k)(?![\\p{L}\\d])|[$€£]\\s?\\d|бюджет[^.?!\\n]{0,40}(\\d|не ограничен|гибк)|budget[^.?!\\n]{0,40}(\\d|flexible)|(готов[аы]?|можем) (вложить|потратить)|(can|could|willing to) spend`,
);

export const OWNER_YES = rx(
  `${B}я\\s+(—\\s*)?(владел|собственни|основател|хозя|директор|руководител|сам[аи]? принимаю)|решени[ея][^.?!]{0,30} принимаю я|сам[аи]? решаю|(мой|моя|моё|мое|моём|моем|моей) (салон|бизнес|магазин|клиник|центр|студи|школ|проект|компани|кофейн|агентств|бренд)|у меня (свой |своя |своё )?[\\p{L}-]*\\s?(салон|клиник|магазин|школ|студи|бизнес|курс|бренд|агентств)|${B}i (own|run|founded)${E}|my (own )?(business|clinic|salon|shop|store|school|studio|company|agency|brand)|i'?m the (owner|founder|ceo|director)|(owner|founder) of|i make the (decision|call)|it'?s my call`,
);

export const OWNER_NO = rx(
  `${B}я\\s+(—\\s*)?(менеджер|сотрудни|администратор|помощни|ассистент|маркетолог|таргетолог|smm|смм)|работаю (в|на|у|таргетолог|смм|smm)|(руководитель|директор|начальник|владелец) (просил|попросил|поручил)|(согласовать|согласую|согласуем) с (руководств|директор|начальник|владельц)|i'?m (a|an|the) (\\w+ )?(manager|assistant|employee|marketer|administrator|targeting|media buyer|smm|social media)|i work (at|for|as)|my (boss|manager|director) (asked|wants)|check with my (boss|manager)`,
);

/** Who decides when it is not a business: a household decision is still an answer to the decision question. */
export const DECIDER = rx(
  `с (женой|мужем|супруг|партн[её]р)|посоветуюсь|обсужу с|with my (wife|husband|partner)|talk to my (wife|husband|partner)`,
);

export const ROLE_PATTERNS = {
  targetologist: rx(
    `${B}я\\s+(—\\s*)?таргетолог|работаю таргетологом|таргетолог(,|\\s)+(ищу|предлагаю)|i'?m (a|an) (targeting specialist|targetologist|media buyer|ads specialist)|i work as (a|an) (targetologist|media buyer)`,
  ),
  smm: rx(
    `${B}я\\s+(—\\s*)?(smm|смм|сммщи)|работаю (в )?(smm|смм)|веду (соцсети|инстаграм|аккаунты) (клиентов|для клиентов)|i'?m (a|an) (smm|social media manager|social media specialist)|i manage social media for (clients|brands)|social media manager for`,
  ),
  marketer: rx(`${B}я\\s+(—\\s*)?маркетолог|i'?m (a|an|the) (marketer|marketing manager|head of marketing)`),
  manager: rx(`${B}я\\s+(—\\s*)?(менеджер|администратор)|i'?m (a|an|the) (\\w+ )?(manager|administrator|assistant)`),
  privateClient: rx(
    `(мою|моя|нашу|наша|свою) (квартир|дом|дач|ванн|кухн)|в (квартире|доме|новостройке)|для себя|для (дочери|сына|ребенка|ребёнка)|my (apartment|flat|house|home|kitchen|bathroom|daughter|son|kid)|for myself`,
  ),
};

export const TIMELINE = rx(
  `срочно|как можно скорее|на (этой|следующей) неделе|в (этом|следующем) (месяце|году)|через (неделю|месяц|пару|\\d)|к (лету|осени|зиме|весне|новому году|сентябрю|\\d)|до конца|в (январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)|в течение|сроки|с (понедельника|следующего месяца|\\d)|в этом месяце|начать (сразу|в|с)|asap|urgent|this week|next (week|month)|within|by (the end|january|february|march|april|may|june|july|august|september|october|november|december|summer|spring|autumn|fall|winter|\\d)|in (january|february|march|april|may|june|july|august|september|october|november|december|two weeks|a month|\\d)|timeline|start (right away|in|on|next|asap)`,
);

export const NEED = rx(
  `нужн|хочу|хотим|хотел[аи]?|интересует|ищу|ищем|сколько стоит|какая цена|подскажите|планирую|планируем|need|want|looking for|interested in|how much|price|would like|planning`,
);
