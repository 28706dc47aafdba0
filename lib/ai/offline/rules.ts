import type { Niche } from "@/lib/ai/analysis-schema";
import { phrases, type PhraseList } from "./morph";

// The offline engine's vocabulary, Russian and English side by side, as phrases of plain words stemmed by
// Snowball (morph.ts): "консультацию" also matches "консультации", "booked" matches "book". `a/b` is one word
// out of several, `_` any one word, `запис*` any word beginning so. Negation is read by analyze.ts, not here:
// "записали вас" is written once and "не записывайте" is that phrase negated.

const p = phrases;

/** Niche words; clinic words outweigh cosmetic ones so "клиника косметологии" is medicine, not beauty. */
export type P = PhraseList;

export const NICHE_WORDS: Record<Exclude<Niche, "other" | "marketing">, { list: PhraseList; weight: number }[]> = {
  medicine: [
    {
      list: p(
        "dr|доктор*|medicine|лор-клиник*|мрт-диагностик*|диагностическ* центр*|офтальмолог*|катаракт*|клиник*|поликлиник*|chiropract*|главврач*|стоматолог*|медицин*|медцентр*|медицинск*|врач*|пациент*|лечени*|лечит*|гинеколог*|лор|мрт|узи|анализ*|хирург*|ортодонт*|имплант*|зуб*|терапевт*|педиатр*|дерматолог*|приём врача|clinic*|dental|dentist*|medical|doctor*|patient*|physio*|surgery|orthodont*|implant*|teeth|tooth|therap*|dermatolog*|health centre|health center|hospital",
      ),
      weight: 3,
    },
  ],
  infobusiness: [
    {
      list: p(
        "membership*|paid community|сообществ* по подписке|курс мой|мой/моего/свой/своего/моему курс*|my course*|my own course*|психолог*|блогер*|автор курс*|курс по|курса по|trading course|платн* клуб*|онлайн-школ*|онлайн школ*|онлайн-курс*|онлайн курс*|инфобиз*|марафон*|вебинар*|наставни*|коуч*|продюсер*|запуск*|эксперт*|нутрициолог*|поток*|online course*|online school|coach*|webinar*|launch*|info-product*|masterclass*",
      ),
      weight: 2,
    },
    { list: p("course|courses"), weight: 1 },
  ],
  education: [
    // Schools by name outweigh a course launch's words ("cohort", "intake" also fit an online school).
    {
      list: p(
        "bootcamp*|coding school|college*|колледж*|language school|языков* школ*|университет*|english school|автошкол*|driving school|для детей|for kids|for children",
      ),
      weight: 3,
    },
    // A school by its plain name is a weak vote: an online school launching a course is still infobusiness.
    { list: p("школ*|school*|детей|children"), weight: 0.5 },
    {
      list: p(
        "bootcamp*|coding school|college*|колледж*|language school|языков* школ*|университет*|english school|intake|репетитор*|образован*|онлайн-образован*|урок*|занят*|учени*|егэ|огэ|курсы|программировани*|английск*|математик*|физик*|детск*|обучени*|учеб*|школьн*|tutor*|lesson*|classes|class|exam*|ielts|toefl|kids|pupil*|maths|math|homework|camp",
      ),
      weight: 1,
    },
  ],
  beauty: [
    {
      list: p(
        "салон*|маникюр*|педикюр*|ногт*|ресниц*|бров*|стрижк*|окрашиван*|барбер*|парикмах*|эпиляц*|визаж*|шатуш*|укладк* волос|microblad*|микроблейдинг*|перманент*|tattoo*|тату*|свадебн* образ*|процедур*|кож*|уход* за|salon|salons|stylist*|hairdresser*|bridal|nail*|manicure*|pedicure*|lash*|eyelash*|brow|brows|eyebrow*|haircut*|hair|hair extension*|balayage|barber*|facial*|makeup|make-up|spa|wax*",
      ),
      weight: 2,
    },
    // Cosmetology and massage sit between a salon and a clinic: a weak vote that the clinic words outweigh.
    { list: p("косметолог*|массаж*|чистк* лица|пилинг*|сеанс*|cosmetolog*|massage*|peel*|skin*"), weight: 1 },
  ],
  construction: [
    {
      list: p(
        "баню|баня|бани из|брус*|сруб*|гипсокартон*|сух* смес*|стройматериал*|building material*|строим|строю|строят|каркасн*|коттедж*|ремонт*|строит*|стройк*|отделк*|плитк*|ванн*|санузл*|санузел|кухн*|под ключ|фундамент*|кровл*|смет*|замер*|дизайн-проект*|штукатур*|электрик*|проводк*|сантехн*|бригад*|прораб*|ламинат*|обои|ландшафт*|landscap*|driveway*|garden*|утепл*|балкон*|потолк*|замен* окон/окна|пластиков* окн*|окон|renovat*|remodel*|construct*|contractor*|bathroom*|kitchen*|tiling|tile*|flooring|floor*|roof*|builder*|drywall|plumb*|basement|extension*|refit*|estimator*|crew|on site|estimate*|interior*|deck|decks|fence*|patio*|paint*|repaint*|exterior|loft*|windows",
      ),
      weight: 2,
    },
  ],
  ecommerce: [
    {
      list: p(
        "интернет-магазин*|интернет магазин*|маркетплейс*|wildberries|вайлдберриз|wb|вб|ozon|озон*|магазин*|карточк*|карточек|инфографик*|товар*|артикул*|склад*|online store|sell online|sell _ online|google shopping|pet food|e-commerce|ecommerce|shopify|amazon|etsy|marketplace*|listing*|sku*|store's|dropship*",
      ),
      weight: 2,
    },
  ],
  real_estate: [
    {
      list: p(
        "viewing*|bedroom*|bed|спальн*|agent|landlord*|tenant*|арендатор*|квартир* _ продал*/продали|квартир* _ _ продал*/продали|продал*/продали квартир*|аренд*|sell*/selling/продаем/продаём/продаж* _ apartment*/квартир*/flat*/condo*|sell*/selling/продаем/продаём/продаж* apartment*/квартир*/flat*/condo*|waterfront tower|off-plan|broker*|брокер*|в аренду|квартир* в аренду|подбор* квартир*|rental*|developers|недвижимост*|риелтор*|риэлтор*|новостройк*|застройщик*|жк|ипотек*|аренд* квартир*|real estate|realtor*|property|properties|realty|mortgage*|listing agent",
      ),
      weight: 2,
    },
  ],
};

/** Sentences where the client describes their own business weigh more for the niche than what they ask for. */
export const SELF_DESCRIPTION = p("мой|моя|мое|мои|наш|наша|наше|у меня|у нас|мы|my|our|we|i run|i own|we're");

// ---- funnel stage ------------------------------------------------------------------------------------------

/** The client withdrawing. Each phrase carries its own negation where it has one ("не актуально"). */
export const LOST = p(
  "in-house|в штат|штатн* маркетолог*/специалист*|будем сами|справимся сами|do it ourselves|handle it ourselves|different direction|другом направлени*|остаемся с текущ*|остаёмся с текущ*|останемся с текущ*|останемся со своим|decided against|=hired a marketer|=hired an in-house|неактуальн*|в другом месте|купили у друг*|bought elsewhere|bought _ elsewhere|went elsewhere|somewhere else|won't be moving forward|not moving forward|no point starting|нет смысла начинать|нет смысла запускать|не актуальн*|on hold|postpone*|not now|not right now|stick with|staying with|our current agency|не сейчас|отложим|отложить|откладываем|приостанов*|нам не подходит|нам это не подходит|это нам не подходит|не наш вариант|не для нас|not for us|doesn't suit us|won't work for us|не придем|не придём|не прид*|won't come|won't make it|уже не нужн*|больше не нужн*|передумал*|нашли друг*|нашла друг*|нашел друг*|нашла мастер*|выбрали друг*|ушли к|с друг* агентств*/подрядчик*/исполнител*/мастер*/компани*/салон*/школ*/репетитор*/бригад*/клиник*|другим агентств*/подрядчик*/исполнител*/мастер*/репетитор*|другой бригад*/компани*/клиник*/школ*|решили не делать/заниматься/продолжать/работать/запускать/заказывать/начинать/двигаться/обращаться/записывать/отдавать/брать/покупать/идти|решили пока не|своими силами|сами сделаем|пока не будем|не будем заказ*/продолж*/работать|отказ*|откаж*|слишком дорог*|для нас дорог*|нам дорог*|это дорого|это дороговато|дорого для нас|не потян*|не интересн*|отменить запис*|отмените запис*|закрываем магазин*/бизнес*|not interested|no longer|=went with|cancel the campaign|cancel the contract|have to cancel|need to cancel|budget got cut|budget was cut|бюджет урезали|бюджет сократили|отменяем|won't be coming|not coming|=found someone|cheaper elsewhere|нашла дешевле|нашли дешевле|нашел дешевле|не приду|=decided not|=decided to stop|stop the lessons|stop our|прекратить|прекращаем|больше не будем|=decided to go with|go with another|another agency/contractor/salon/company/tutor/school/clinic|=chose another|=found a salon/someone/another|=found someone else|=found a/an _ closer|=found a/an tutor/salon/contractor/agency/clinic/school/specialist/company/designer/freelancer|won't need|will not need|don't need it|too expensive|out of our budget|can't afford|we'll pass on it/this|i'll pass on it/this|we'll pass for now|i'll pass for now|pass for now|cancel my booking|cancel the order|cancel the project|cancel our|not move forward|not going ahead|=hired someone",
);

// The ways a client says they went elsewhere, built from a verb and a noun so "мы взяли фрилансера", "наняли
// специалиста в штат", "we hired a freelancer", "нашли подрядчика подешевле" are one rule rather than four.
const TOOK =
  "договорил*/взял*/взяли/наня*/нанял*/нашл*/нашел*/выбрал*/берем/возьмем/hired/=found/chose/=picked/=went/=signed/=go/going/=gone";
const PROVIDER =
  "фрилансер*/подрядчик*/агентств*/специалист*/человек*/маркетолог*/таргетолог*/смм*/исполнител*/студи*/компани*/команд*/freelanc*/contractor*/agency/agencies/someone/specialist*/person/marketer*/team/firm/provider*/vendor*/in-house/studio/salon/clinic/company/tutor/school/agent/другими/другим/другой/others";
export const TOOK_OTHER = p(
  `${TOOK} ${PROVIDER}|${TOOK} _ ${PROVIDER}|${TOOK} _ _ ${PROVIDER}|=gone/=went/going/=go/=signed with _ _ ${PROVIDER}|=gone/=went/going/=go/=signed with _ _ _ ${PROVIDER}|=went with|go with another|going with another|another way|other way|different way|другим путем|другим путём`,
);
/** "We'll pass" ends its clause when it declines; "I'll pass this to the owner" forwards. */
/** Doing it themselves: a doing verb and oneself ("муж решил делать сам", "we'll do it ourselves"). */
export const DO_VERB = p("дела*/сдела*/займ*/справ*/ремонтир*/do/doing/handle/manage");
/** Doing it oneself is a loss when decided or ahead ("сделаем сами"), not "I do them myself for now". */
export const DIY_DECIDED = p(
  "решил*|решили|=decided|=chosen|will|we'll|i'll|going to|gonna|сделаем|сделаю|займемся|займёмся|будем|буду|справимся",
);
export const ONESELF = p("сам/сама/сами/самостоятельно/myself/ourselves/himself/herself");
/** Meeting verbs: "мы с вами общались во вторник" is a meeting held, in the verb's past form. */
export const MEETING_VERB = p(
  "общал*|созванивал*|созвонил*|встречал*|виделис*|поговорил*|говорил*|разговаривал*|обсуждал*|обсудил*|=spoke|=talked|=met|=chatted|=discussed|=spoken",
);
export const WITH_YOU = p("вами|вы|вашим|вашей|вашему|you|your");
/** Money the client sent, and the business having it: a payment noun beside a past verb of paying/receiving. */
export const PAYMENT_NOUN = p(
  "аванс*|предоплат*|оплат*|деньг*|платеж*|депозит*|deposit|payment|money|invoice|fee|первый платеж",
);
export const PAID_VERB = p(
  "отправил*|перевел*|перевела|перевели|скинул*|внес*|внесл*|оплатил*|закинул*|=sent|=paid|=transferred|=wired|=made",
);
export const RECEIVED_VERB = p("получил*|получен*|пришл*|пришел|поступил*|=received|=arrived|=came");
/** A condition, not an event: "once the payment is received we start" describes the process. */
export const CONDITION = p("once|when|if|after|как только|когда|если|после того");
export const PASS = p(
  "we'll pass|i'll pass|we will pass|i will pass|so we pass|going to pass|gonna pass|=decided to pass",
);
/** "…ваше агентство": the client found the business itself, which is no loss. */
export const YOURS = p("ваш*|вас|вам|you|your|yours");
/** Staying with what they have: a keep/renew verb and the current provider or themselves. */
export const KEEP = p(
  "=chosen|=decided|решил*|продл*|оста*|продолж*|keep|keeping|stay|staying|stick|stick to|continue|renew*|вести|будем вести",
);
export const CURRENT = p(
  "текущ*|нынешн*|прежн*|сами|своими силами|наш*/свое*/своем* маркетолог*/специалист*/сотрудник*|органик*|сарафан*|organic*|word of mouth|our marketer|our team|ourselves|current|existing|in-house",
);
/** Declining in so many words: not their format, pausing, passing. */
export const DECLINE = p(
  "не наш формат|не наш* вариант|не наше|не до этого|не до того|сейчас не до|not a priority|no longer a priority|other priorities|другие приоритеты|бюджет ушел на|budget went to|budget went on|budget went into|not our thing|not a fit for us|not the right fit for us|повремен*|пауз*|pause*|hold off|holding off|shelve*|заморо*|freeze|on hold|пока мимо|мы мимо|not for now|=decided to cancel|cancel the _ campaign|cancel _ campaign|решили отменить|решили отказаться|обойтись без|обойдемся|обойдёмся|do without|go without|put _ off|put off|putting off|stop here|let's stop|остановимся на этом|закончим на этом|не понадоб*|не потребу*|услуги не нужн*|=передумала|=передумал|=передумали|пока не актуальн*",
);

/**
 * The request closed: the client telling the business to close it ("да, закрывайте"), or the business closing it
 * in its last turn after follow-ups went unanswered ("Закрываю заявку" with no reply). A business offer to close
 * ("если не актуально — закрою заявку") is a condition and counts only through the client's answer.
 */
export const CLOSE_IT_IN = p(
  "=закрывайте|можете закрывать|можно закрывать|закройте заявк*|тогда не надо|тогда не нужно|тогда не будем|close it|close the request|close my request|then no thanks|then we'll pass",
);
export const CLOSE_IT_OUT = p(
  "закрываю заявк*|закрываем заявк*|заявку закрываю|closing the request|closing your request|closing this request|closing your file|i'll close the request now",
);

/** A loss told as history the client is back from ("last year I went to another salon, but…"). */
export const RETURNING = p(
  "last year|в прошлом году|раньше|before|come back|вернуться|вернулась|вернулся|снова к вам|back to you",
);

/** The client saying they paid or signed (past tense: "оплачу завтра" is not a closed deal). */
export const CLOSED_IN = p(
  "закинул* деньги/оплат*/предоплат*/аванс*|оплата ушла|деньги ушли|сделал* перевод|перевод сделал*/отправил*|transfer done|transfer is done|=signed the sow|=signed off on the contract/proposal|wire =sent|=sent the wire|=sent a wire|transfer =sent|=sent the transfer|оплатил*|=signed and|=signed the/our contract/agreement/offer|agreement is =signed|=sent the _ payment|=sent _ payment|подписал* _ договор*|deposit =sent|money =sent|payment =made|via bank transfer|оплачен*|it's paid|all paid|скинул* деньги/оплат*/предоплат*/аванс*|отправил* оплат*/деньги/платеж*/предоплат*|оплата прошла|платеж прошел|внес* депозит*|внесла|внесли|чек прикрепил*|receipt attached|=sent the payment|=sent the money|=made the payment|=wired|invoice =paid|deposit =paid|deposit is =paid|payment is complete|payment completed|перевел* аванс*/предоплат*/оплат*/деньг*|перевела|внес* аванс*/предоплат*/оплат*|подписал* договор*|договор подписа*|i =paid|we =paid|we've =paid|i've =paid|have =paid|just =paid|=paid the|=paid for|=paid it|=paid already|already =paid|=paid in|all =paid|it's =paid|is =paid|been =paid|done =paid|payment is done|payment done|payment =sent|payment went through|payment for _ _ _ is done|payment for _ _ is done|=signed the contract|contract is =signed|=sent the deposit|=transferred",
);
/** The business acknowledging payment or a signed contract. */
export const CLOSED_OUT = p(
  "received with thanks|деньги пришли|деньги поступили|платеж получен|платеж поступил|we received your payment|got your payment|received your payment|оплат* получил*/получен*/поступил*/поступила|получили оплат*/предоплат*/аванс*|спасибо за оплат*|договор подписан|доступ открыт|payment received|payment confirmed|thanks for the payment|thank you for the payment|deposit received|welcome aboard",
);

/** A meeting, call, visit or trial that has taken place: thanks for it, after it, discussed at it. */
const EVENT =
  "zoom/зум*/укладк*/окрашиван*/наращиван*/чистк*/пломб*/консультац*/встреч*/созвон*/замер*/разговор*/звонок/звонк*/диагностик*/пробн*/урок*/занят*/прием*/приём*/осмотр*/разбор*/аудит*/визит*/процедур*/сеанс*/маникюр*/стрижк*/call/consultation/meeting/visit/trial/session/lesson/audit/chat/facial/treatment/massage/manicure/haircut/demo/presentation/презентац*/демо*/tour/walkthrough";
/** The business thanking for or following up on a meeting that took place. */
export const COMPLETED_OUT = p(
  `как и договаривались|спасибо за ${EVENT}|по итогам ${EVENT}|по итогам _ ${EVENT}|спасибо за _ ${EVENT}|как обсудили|как договорились|thanks for the/your/our ${EVENT}|thank you for the/your/our ${EVENT}|as discussed|following up on our ${EVENT}|after our ${EVENT}`,
);
export const COMPLETED = p(
  [
    `спасибо за ${EVENT}`,
    `спасибо за _ ${EVENT}`,
    `вчера на ${EVENT}`,
    `был/была/были у вас на ${EVENT}`,
    `${EVENT} был/была/прошел/прошла/прошло полезн*/отличн*/продуктивн*/хорош*`,
    `the ${EVENT} was great/helpful/useful/productive/good/super`,
    `на ${EVENT} вы|on the ${EVENT} you|you mentioned on the ${EVENT}|как вы говорили на ${EVENT}|enjoyed the/our ${EVENT}|great ${EVENT} today/yesterday`,
    "thanks for your time today/yesterday|thank you for your time today/yesterday|спасибо за уделенн* время|спасибо за уделённ* время",
    "был/были/приходил*/приезжал* _ замерщик*/мастер*/прораб*/дизайнер*|был/были/приходил*/приезжал* замерщик*/мастер*/прораб*/дизайнер*|замерщик*/мастер*/прораб* приходил*/приезжал*/был",
    `была у вас|были у вас|был у вас|была/был/были/ходил*/сходил* у/к вашего/вашей/вашему/ваших/вам|i was at your|i've been to your|i visited your`,
    "созванивал*/созвонил*/встречал*/общал*/поговорил*/разговаривал*/виделис* с вами/вашим/вашей/вашими|вчера/сегодня/утром/недавно созванивал*/созвонил*/встречал*/общал*/поговорил*/разговаривал*/виделис*|созванивал*/созвонил*/встречал*/общал*/поговорил*/разговаривал*/виделис* вчера/сегодня/утром/недавно|мы созванивал*/созвонил*/виделис*|great talking|nice talking|good talking|great to talk|nice to meet|great meeting|good to meet|pleasure talking|talking to you yesterday|=talked yesterday|when we =spoke/=talked/=met|we =spoke/=talked/=met yesterday/earlier/today/last/on|our conversation|нашего разговора|после разговора|говорили вчера|говорили сегодня|как обсудили|как договорились|как и договаривались|обсудили вчера|обсудили на|мы созвонились|созвонились вчера|мы встречались|мастер приходил|замерщик приходил|замерщик был|прошли пробн*",
    "пришлите/пришли/присылайте/вышлите/отправьте/скиньте договор*/кп/коммерческ*/счет*|жду/ждем/ждём кп/договор*/счет*/коммерческ*|мастер*/замерщик*/прораб* _ приходил*/приезжал*|приходил*/приезжал* на замер*/осмотр*/консультац*",
    `thanks for the/your/our ${EVENT}`,
    `thanks again for the/your/our ${EVENT}|thank you again for the/your/our ${EVENT}|спасибо еще раз за ${EVENT}|еще раз спасибо за ${EVENT}|еще раз спасибо за _ ${EVENT}`,
    `thanks for the/your/our _ ${EVENT}`,
    `thank you for the/your/our ${EVENT}`,
    "thanks for taking the time|thank you for taking the time|thanks for making the time|спасибо, что нашли время|спасибо что нашли время|спасибо, что уделили время|спасибо что уделили время|thanks for coming|thank you for coming|thanks for stopping by|thanks for taking a look|спасибо, что приехали|спасибо что приехали|спасибо, что пришли|as discussed|as we discussed|we talked about|following up on our|we =spoke yesterday|we =met yesterday|since our call|from our call",
    "send over the proposal/contract/invoice|send the proposal/contract/invoice|send me the proposal/contract/invoice|send us the proposal/contract/invoice",
  ].join("|"),
);
/** The client describing their own marketing agency (not one they are looking for): niche "marketing". */
export const OWN_AGENCY = p(
  "мы агентств*|мы _ digital-агентств*|мы digital-агентств*|наше digital-агентств*|мы _ агентств*|мы _ _ агентств*|наше агентств*|нашего агентств*|нашему агентств*|владел* агентств*|директор* агентств*|у меня агентств*|our agency|my agency|we're an agency|we are an agency|we're a/an _ agency|we are a/an _ agency|i run an agency|i run a/an _ agency|we're a/an _ _ agency|we are a/an _ _ agency|i run a/an _ _ agency|i own a/an _ _ agency|у меня _ агентств*|у меня _ digital-агентств*|у нас агентств*|у нас _ агентств*|у нас _ _ агентств*|i own an agency|i own a/an _ agency|owner of an agency|agency owner",
);
/** A business the client runs outside the named niches (a car service, a bakery): niche "other". */
export const OTHER_BUSINESS = p(
  "сет* ресторан*|ресторан* _ кухн*|ресторан* _ _ кухн*|кондитерск*|confectioner*|food truck|taco*|saas|software|fitness club|фитнес-клуб*|detailing|детейлинг*|автомойк*|клининг*|cleaning company|автосервис*|шиномонтаж*|кафе|ресторан*|пекарн*|кофейн*|фитнес*|спортзал*|производств*|юрист*|бухгалтер*|логистик*|такси|гостиниц*|отел*|турагентств*|car wash*|bakery|bakeries|restaurant*|cafe|cafes|gym*|law firm|accounting|hotel*|logistics|travel agency|auto repair|garage",
);

/** "После нашей консультации…": a meeting of ours that happened unless the sentence looks ahead or asks. */
export const COMPLETED_AFTER = p(
  `после вчерашн*/сегодняшн*/нашего/нашей/прошл* ${EVENT}|after our/yesterday's ${EVENT}|following our/yesterday's/today's/the ${EVENT}|по нашей/нашему ${EVENT}|update after the/our ${EVENT}|following up on/from monday's/tuesday's/wednesday's/thursday's/friday's/saturday's/sunday's/yesterday's/last ${EVENT}|following up on/from last week's ${EVENT}|update after the/our _ ${EVENT}`,
);
/** "После консультации…" alone may look ahead ("директор скажет после презентации"): it needs a past verb too. */
export const AFTER_EVENT = p(`после ${EVENT}|after the ${EVENT}|after the _ ${EVENT}|по итогам ${EVENT}`);

/** A meeting, call or visit named by the client (its recording, its master): what a tense marker is checked on. */
export const EVENT_NOUN = p(
  `${EVENT}|your guy/man/team/engineer|ваш мастер/специалист/замерщик|measure*|показ*|просмотр*|viewing|замерщик*/мастер*/прораб*/дизайнер*/инженер*/estimator*/surveyor*/designer*/technician*|zoom|зум*|созвон*|замерщик*|recording|запис* _ ${EVENT}|recording of _ ${EVENT}|recording of _ _ ${EVENT}`,
);
/** Words that date a meeting in the past without a past verb ("по вчерашней встрече", "thanks for the zoom earlier"). */
export const PAST_TIME = p(
  "вчера|вчерашн*|позавчера|позавчерашн*|прошл*|недавн*|на днях|назад|yesterday|yesterday's|earlier|last|ago|recently|this morning",
);
/** Words that put the sentence ahead: a meeting still to come, however the rest reads. */
export const AHEAD = p(
  "=решим|=решу|=подумаю|=посмотрим|=будет|=будем|будут|завтра|послезавтра|следующ*|через|will|we'll|i'll|tomorrow|next|upcoming|going to|gonna|шлете|пришлете|пришлёте",
);
/**
 * Past verbs that do not say a meeting took place: asking for it, booking, moving or missing it, having seen an
 * ad for it ("оставила заявку на консультацию", "I booked a call", "хотела узнать про замер").
 */
export const PAST_NOT_HELD = p(
  "запис*|брон*|назнач*|договор*|предлож*|остав*|отправ*|писал*|написал*|хотел*|планир*|собира*|интересов*|увидел*|видел*|нашл*|нашел*|узнал*|отмен*|перенес*|пропуст*|спрашивал*|просил*|попросил*|поручил*|заказал*|сорвал*|wanted|wondered|hoped|planned|requested|asked|=booked|scheduled|missed|cancelled|canceled|postponed|rescheduled|moved|emailed|tried|filled|submitted|looked|arranged|confirmed|offered|=set",
);

/** A meeting dated in the past ("после вчерашней консультации"): completed even when the client looks ahead. */
export const PAST_EVENT = p(
  `после вчерашн*/прошл*/сегодняшн* ${EVENT}|after yesterday's/today's/last ${EVENT}|after our ${EVENT} yesterday/today`,
);

/** Words that put an event in the future: "после консультации решим" is not a consultation that happened. */
export const FUTURE = p("=решим|=решу|=подумаю|=посмотрим|=будет|=будем|will|we'll|i'll|decide");

/** The business confirming a booking. */
export const BOOKED_OUT = p(
  "до встречи|=moved to|=moved it to|=rescheduled to|=rescheduled it|перенес* на|перенесла на|перенесли на|invite sent|=sent you an invite|=sent the invite|=sent an invite|=sent you the invite|приглашение в календар*|ссылку на встречу/созвон* пришлю/отправлю|записал* на|=записала на|=записали на|=записал на|поставил* в календар*|added it to the calendar|added you to the calendar|ссылка на google meet/zoom/встречу/созвон*|вот ссылка на встречу/созвон*|meet link|zoom link|link to the call/meeting|записал* вас/тебя/вашу/вашего/дочь/сына|записали*|вы записаны|жд* вас|встреча назначена|созвон назначен|назначил*|подтверждаю запис*/встреч*/время/созвон*|замерщик приедет/будет/позвонит|мастер позвонит|приглашение отправил*|забронировал*|you're =booked|you are =booked|=booked you|you're all set|you're =scheduled|see you then|see you on|see you tomorrow|=confirmed for|is =confirmed for|is =scheduled|is =booked|calendar invite|=put you down|i've =booked|we've =booked",
);
/** The client saying the booking is made. */
export const BOOKED_IN = p(
  "записалась*|записался*|записались*|i just =booked|just =booked|i've =booked|i have =booked|we =booked|we've =booked|до встречи|увидимся|буду у вас|see you then|see you on|see you tomorrow|i =booked",
);

/** The business proposing a time: an offer of a slot the client may take. */
export const PROPOSAL = p(
  "we have|есть|have|open|opening|можем|могу|может|сможем|сможет|could|can do|предлагаю|давайте|свободн*|есть окно|есть время|окно|удобно|подойдет|подходит|записать|записываю|хотите|how about|would|does that work|does that suit|works|available|we can|i can|shall i|shall we|let's|free|slot*|suit|can see you|can fit you|can take you|примет|принять вас|ближайш*|nearest|earliest|next available|возможн*|можно|possible",
);
export const TIME_WORDS = p(
  "понедельник*|вторник*|сред*|четверг*|пятниц*|суббот*|воскресень*|завтра|послезавтра|сегодня|утр*|вечер*|числа|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|morning|afternoon|evening|week|недел*",
);
/** The client taking an offer ("да, давайте в четверг", "works for me"); negated it is a refusal. */
export const ACCEPT = p(
  "приеду|приду|подъеду|буду|i'll come|we'll come|will come|put me in|put me down for|lock it in|давай|погнали|норм|нормально|пойдет|пойдёт|супер|замечательно|прекрасно|с удовольствием|подтверждаю|works for me|that works|cool|alright|all right|count me in|i'm in|confirmed|да|давайте|идет|идёт|принято|устраивает|конечно|бронирую|забронируйте|жду звонка|жду ссылку|буду ждать|go ahead|put me down|pencil me in|book me in|i'll take it|let's go|let's do it|sounds great|sounds perfect|подходит|подойдет|удобно|ок|окей|ok|okay|хорошо|отлично|договорились|запишите|записывайте|согласен|согласна|беру|годится|лучше|yes|yeah|yep|sure|sounds good|works|perfect|great|book me|book it|let's do|deal|fine|i'll take|i'll be there|that suits",
);
/** Putting the decision off: "хорошо, я подумаю" after an offer is no acceptance. */
export const DEFER = p(
  "подумаю|подумать|посоветуюсь|напишу позже|напишу потом|определимся|определюсь|позже решим|потом решим|напишу на след*|напишу на следующ*|напишу через|decide later|i'll message you|i'll text you|сообщу|дам знать|уточню|посмотрю|think about it|let me think|get back to you|let you know|check my|i'll see|maybe later",
);
export const CANCEL = p("отмен*|не надо|не записывайте|не записывай|не надо записывать|cancel*|don't book|do not book");

/** The client asking to book (still to be confirmed by the business). */
export const WANTS_BOOKING = p(
  "get an appointment|an appointment|можно к/на|можно записаться|хочу посмотреть|записаться|записать|хочу на консультацию/замер/встречу/пробн*|хотим на консультацию/замер/встречу|созвонимся|book|schedule a|set up a call|want a consultation|come in",
);

/** Not a fit said by the client: browsing, no money, a student, a job seeker, a wrong number. */
export const NOT_QUALIFIED_IN = p(
  "you _ hiring|join your team|join as|ищете сотрудник*|возьмете на работу|возьмёте на работу|работать у вас|assignment|coursework|uni project|university project|could i interview|interview someone|курсов* работ*|курсовую|курсовая|реферат*|взять интервью|ищу стажировк*|internship|as a student|как студент*|just for research|for research|for my research|not buying anything|not buying|writing my thesis|пишу диплом*|пишу курсов*|для исследовани*|ничего покупать не|не собираюсь покупать|не планирую заказ*|не планируем заказ*|для сравнения|just comparing|not planning to buy|zero budget|no money|школьни*|я школьник|i'm in high school|for a school|делаю проект|для проекта|просто смотрю|просто интересуюсь|просто узнаю|просто спрашиваю|просто собираю|just collect*|just gathering|just asking|просто спросить|пока просто|пока только узнаю|нет бюджета|бюджета нет|бюджета у него пока нет|бюджета пока нет|денег нет|денег пока нет|денег _ нет|денег _ _ нет|нет денег|я студент*|студентка|для учеб*|для курсов*|для диплом*|ради интереса|ищу работу|вакансия|вакансии|резюме|ошиблись номером|не туда|just browsing|just looking|just curious|just checking|no budget|don't have a budget|don't have any budget|i'm a student|school project|for my thesis|looking for a job|are you hiring|job opening|wrong number",
);
/**
 * Only looking: not qualified for someone with no business yet ("хочу открыть магазин, пока просто узнаю"), a new
 * lead for one who runs it ("у нас стоматология, пока просто смотрю варианты").
 */
export const JUST_LOOKING = p(
  "просто смотрю|просто интересуюсь|просто узнаю|просто спрашиваю|просто собираю|пока просто|пока только узнаю|just collect*|just gathering|just asking|just looking|just curious|curious for now|just browsing|just checking",
);
/**
 * Someone saying the decision is not theirs ("решать не мне", "это к директору", "I'll ask my boss", "обсужу с
 * мужем"): not qualified while they bring no budget or timing.
 */
const DECIDER_NOUN =
  "директор*/руководител*/руководств*/владел*/собственни*/хозя*/начальни*/начальств*/управляющ*/главврач*/шеф*/мужем/мужа/мужу/женой/жены/жене/супруг*";
const BOSS = "boss/manager/owner/director/husband/wife/partner/gm/ceo/principal/doctor/dentist/founder";
export const NOT_MY_CALL = p(
  [
    "решени* =принимает/=принимают|=принимает/=принимают решени*|=будет/=будут решать|сам/сама/сами =будет/=будут решать|решать не мне|решаю не я|решение не за мной|решение не мое|не мне решать|решать будет|решать будут|решает _ директор*/руководител*/владел*/начальни*/главврач*/управляющ*/муж/жена/шеф*",
    `это к ${DECIDER_NOUN}|это вопрос к ${DECIDER_NOUN}|спрошу у/с ${DECIDER_NOUN}|спрошу у него/нее|уточню у/с ${DECIDER_NOUN}|уточню у него/нее|обсудить/обсужу/обсудим/посоветуюсь/посоветоваться с ${DECIDER_NOUN}|с ${DECIDER_NOUN} обсудить/обсужу/обсудим/посоветуюсь/посоветоваться/поговорить/поговорю|покажу/передам ${DECIDER_NOUN}`,
    `not the decision maker|not the decision-maker|not a decision maker|=makes the decision/decisions|talk to/ask my ${BOSS} first|need to talk to/ask/check with my ${BOSS}|not my decision|not my call|not up to me|isn't up to me|up to my ${BOSS}|my ${BOSS} decides|my ${BOSS} will decide|the ${BOSS} will decide|the ${BOSS} decides|i'll ask him/her|i'll ask my/the ${BOSS}|i'll check with my/the ${BOSS}|discuss it with my ${BOSS}|discuss with my ${BOSS}|talk it over with my ${BOSS}|show it to my ${BOSS}|pass it/this on to my/the ${BOSS}`,
  ].join("|"),
);
/** Asking for the work free of charge: not a fit, unless it is only a question whether a step is free. */
// The adverb, not the adjective: "сделать бесплатно" asks for free work, "трафик на бесплатный вебинар" is the
// client's own free product.
export const WANTS_FREE = p("=бесплатно|for free|free of charge");
/** The business naming its minimum: a client budget below the amount in that sentence is not a fit. */
export const MINIMUM = p("минимальн*|минимум|не меньше|не менее|minimum|at least|starts at|starting at|min");
export const ASKS_FAVOUR = p("сделать|сделаете|сделайте|можете|поможете|помочь|could you|can you|would you|do it|help");

/** Not a fit said by the business: out of area, a service it does not offer. */
export const NOT_QUALIFIED_OUT = p(
  "не наш профиль|не по нашему профилю|не наш формат|outside our area|not our area|not our field|we don't serve|не делаем|отдельно _ не делаем|не берем|не берём|мы не берем|мы не берём|wouldn't work with us|won't work with us|wouldn't work for us|at that level|at that budget|minimum budget|минимальный бюджет|слишком мал*|too small for us|we don't take on|мы не работаем|мы не делаем|не выезжаем|мы не оказываем|не занимаемся|не преподаем|не преподаём|работаем только|только в пределах|бесплатно мы не|набор закрыт|обучения у нас нет|ошиблись номером|wrong number|we don't offer|we do not offer|we only work|we only do|we only serve|we don't work|we don't cover|we don't do|we do not do|unfortunately we don't|unfortunately we only|not something we offer|вы ошиблись|you've got the wrong|wrong person|не по адресу|wouldn't be the/a right/good fit|wouldn't be a fit|not the right fit|not a good fit|не сможем помочь|не подойдем|не подойдём|can't take it on|cannot take it on|can't take this on|can't take on|не сможем взять*|не возьмемся|не возьмёмся|обучение _ не проводим|обучение не проводим|не проводим обучени*|не ведем прием*|не ведём приём*|приемов не ведем|приёмов не ведём|перепутали номер*|не работаем на субподряд*|на субподряде не работаем",
);

// ---- spam and pitches --------------------------------------------------------------------------------------

/** "Настроим вам…", "приведём вашему салону…": what the sender will do for the business. */
export const TO_YOU = p("вас|вам|вашему|вашей|вашего|ваш|вашу|ваши|you|your");
/** Wanting or being able is not offering: "хотим вам заказать", "можем вам позвонить?" */
export const NOT_OFFER = p("хотим|можем|будем|планируем|готовы|хотели|want|need|would");
/** A price made small: "всего 9900 руб", "only $49". */
export const CHEAP = p("всего|лишь|only|just");
/** Offers of the sender's own services to the business; two of them (or one strong one) make a pitch. */
export const PITCH = p(
  "подписчиков за|followers in _ days|пишите в личку|пишите в лс|пишите в директ|подробности по ссылке|подробности в лс|подробности в личке|переходи по ссылке|guaranteed|гарантированн*|dm for|dm me for|reply yes|free quote|very low cost|low cost|at low cost|dear business owner|dear sir|dear owner|уважаемый владел*|уважаемый руководител*|оставьте заявку по ссылке|переходите по ссылке|без залога|без поручител*|we are a _ company|we are a _ _ company|we are a _ _ _ company|компания предлагает|triple your|double your|skyrocket your|your brand|your roas|your sales|this week only|только на этой неделе|удвоим|утроим|посмотрел* ваш*|ваш инстаграм*|вашего инстаграм*|прислать портфолио|прямые поставки|поставки|ниже рынка|цены ниже|кому можно отправить|отправить прайс|для постоянных партнер*|для постоянных партнёр*|с завода|отсрочка платежа|i looked at your|i took a look at your|took a look at your|send our price list|price list|wholesale|предлагаем|предлагает|предлагаю свои|продвижение сайта|seo-продвижение|база клиентов|базу клиентов|рассылк*|предлагаю услуг*|наша компания|наше агентство|наша студия|мы поможем вам|поможем вашему|предлагаем сотрудничеств*|сотрудничеств*|выгодное предложение|специальное предложение|скидк* для вас|увеличим|выведем|привлечем|приведем|за нашу|у нас есть база|ваш сайт|вашего сайта|вашему сайту|ваш бизнес|вашего бизнеса|вашей компании|ваш аккаунт|вашего аккаунта|ваших клиентов|ваш профиль|we offer|we provide|our agency|our company|our team can|our services|i can help you|we can help you|we help businesses|we help companies|your website|your site|your business|your company|your page|your store's|your instagram|your clinic's|your salon's|increase your|boost your|grow your|special offer|limited offer|for only|for just|живые подписчики|живых подписчиков|прайс|сделаю скидку|i can handle|my cv|my resume|per hour|hire me|virtual assistant|размещу|разместим|гарантирую|гарантируем|всего за|сделаю вам|могу сделать вам|i can optimize|i can fix|i can get you|want me to send|freelance web|noticed your|lead generation|our packages|packages start|starting at|helping agencies|helping businesses|helping companies|finds you well|open to a quick call|businesses like yours|like yours|our portfolio|send you our|we build|we develop|we design|наше портфолио|наши кейсы|мы разрабатываем|per link|per month only|i noticed your|i came across your|partnership|скину/пришлю/вышлю/отправлю портфолио/кейс*/кп/прайс/коммерческ*/презентац*|портфолио/кейс*/прайс скину/пришлю/вышлю|прислать/скинуть/отправить/выслать кейс*/портфолио/кп/коммерческ*/презентац*|my portfolio|see my|send you a/our/my case/portfolio/deck/proposal|send you _ case/portfolio|за лид|за заявку|за подписчик*|per lead|per appointment|per booked|могу вести|могу настроить вам|i could post|i can run your|i could run your",
);
/**
 * The client quoting an offer made to them, by the business or by others ("как вы предлагали", "другие
 * предлагают за 40", "you suggested"): the stem of "предлагаем" is there, but nobody is pitching.
 */
export const QUOTED_OFFER = p(
  "вы предлагали|вы предложили|вы предлагаете|как вы предлагали|как предлагали|другие предлагают|другие предлагали|другие агентства предлагают|они предлагают|конкуренты предлагают|you offered|you suggested|you proposed|others offer|others are offering|they offer|they're offering",
);
export const STRONG_PITCH = p(
  "хочешь зарабатывать|хотите зарабатывать|зарабатывай*|займ* для бизнеса|кредит* для бизнеса|business loan*|прода* баз*|продам _ баз*|базы номеров|базу номеров|базы клиентов|размещение ссылок|размещение статей|вечные ссылки|вечных ссылок|обратные ссылки|выведем ваш*|в топ яндекса|в топ google|в топ поисковиков|продаем базу|продаём базу|накрутк*|одобрим кредит|подписчиков от|заработок|пассивный доход|инвестици* с доходностью|выгодные инвестиции|криптовалют*|backlink*|guest post*|dofollow|link building|link insertion|seo services|rank your|first page of google|top of google|lead generation services|cold email*|crypto*|investment opportunit*|earn money|work from home|followers for|buy followers",
);

/**
 * A pitch's niche is the sender's own trade: promotion of any kind is marketing, a money scheme or software is
 * another business; neither found, the trade's own words decide (a building-materials supplier is construction).
 */
export const SPAM_MARKETING = p(
  "seo|сео|seo-*|продвижен*|реклам*|таргет*|smm|смм|подписчик*|follower*|лидогенерац*|лидогенератор*|lead generation|leads|заявк*|ссылк*|backlink*|link|links|guest post*|отзыв*|reviews|сайт*|website*|site|трафик*|traffic|охват*|паблик*|рассылк*|яндекс*|google|instagram|инстаграм*|топ|top|ranking|rank|веб-дизайн*|web design*|web developer|social media|посев*|appointments|sales calls|qualified calls",
);
export const SPAM_OTHER = p(
  "заработ*|доход*|кредит*|crypto*|криптовалют*|инвестиц*|investment*|earn|loan*|crm|app|apps|приложени*|virtual assistant|assistant",
);

// ---- qualification -----------------------------------------------------------------------------------------

/** What a client may own: "у меня бригада", "мы вдвоём владельцы клиники", "my brokerage". */
const BUSINESS_NOUN =
  "салон*/бизнес*/магазин*/клиник*/центр*/студи*/школ*/проект*/компани*/кофейн*/агентств*/бренд*/кафе/ресторан*/курс*/бригад*/фирм*/производств*/практик*/автосервис*/пекарн*/барбершоп*";
const OWNER_NOUN =
  "владел*/собственни*/хозя*/хозяйк*/основател*/учредител*/owner*/founder*/co-owner*/cofounder*/co-founder*";
const FIRST_PERSON = "я/мы/i/we/i'm/we're/im";
export const OWNER_YES = p(
  [
    `as the owner|as owner|как владел*|как собственни*|${FIRST_PERSON} ${OWNER_NOUN}|${FIRST_PERSON} _ ${OWNER_NOUN}|${FIRST_PERSON} _ _ ${OWNER_NOUN}`,
    `${BUSINESS_NOUN} _ мой/моя/мое|${BUSINESS_NOUN} _ _ мой/моя/мое|у меня ${BUSINESS_NOUN}|у меня _ ${BUSINESS_NOUN}|у меня свой/своя/свое _ ${BUSINESS_NOUN}|my brokerage|my firm|my bakery|my gym|my _ brokerage|my _ firm`,
    "решаю _ я|решаю _ _ я|я _ решаю|я _ _ решаю|решения принимаю я|решение _ за мной|последнее слово за мной|деньги мои|бюджет мой|i'm the one who decides|i'm the one who signs|i'm the decision maker|i'm the decision-maker|the decision is mine|i _ decide|i sign the|i pay",
    "совладел*|сооснователь*|соосновател*|cofounder|co-founder|my cofounder|my co-founder|я автор курс*/школ*/проект*/програм*|проект мой|школа моя|клиника моя|клиника наша|салон мой|магазин мой|бизнес мой|компания моя|студия моя|подписываю сам*|решаем вдвоем|решаем вдвоём|i approve everything|i sign off|i sign everything|я владел*|я собственни*|я основател*|я хозя*|я директор*|я руководител*|я сам* принимаю|принимаю я|решаю я|решаю сама|решаю сам|сам* решаю|решение за мной|я ceo",
    "мой/моя/мое/моем/моей/моего/моему/свой/своя/свое/своего/своей салон*/бизнес*/магазин*/клиник*/центр*/студи*/школ*/проект*/компани*/кофейн*/агентств*/бренд*/кафе/ресторан*/курс*",
    "у меня салон*/клиник*/магазин*/школ*/студи*/бизнес*/курс*/бренд*/агентств*/кафе/кофейн*",
    "у меня свой/своя/свое|у меня _ салон*/клиник*/магазин*/школ*/студи*/бизнес*/курс*/бренд*/агентств*|у меня _ _ салон*/клиник*/магазин*/школ*/студи*/бизнес*/курс*/бренд*",
    "i own|i run|i founded|i'm the owner|i am the owner|i'm the founder|i'm the ceo|i'm the director|owner of|founder of|i make the decision*|i decide|it's my call|my business|my clinic|my salon|my shop|my store|my school|my studio|my company|my agency|my brand|my cafe|my restaurant|my online|my own|my _ business|my _ clinic|my _ salon|my _ shop|my _ store|my _ school|my _ studio|my _ company|my _ agency|my _ brand|my _ program*|my _ practice|my _ course*|my program*|my practice|my firm|my office|my course*|my channel|my team|my shop's|my bakery",
  ].join("|"),
);
export const OWNER_NO = p(
  "руководител* отдел*/направлени*/маркетинг*/продаж*|начальник* отдел*|директор* по маркетинг*/продаж*/развити*|head of|director of marketing/sales|sales director|marketing director|не моя|не мой|я подрядчик*|веду смм|веду smm|у блогер*|клиенту нужн*|для клиент*|для моих клиент*|i'm a freelance*|freelance*|for my client*|my client's|final sign-off is|sign-off is our|the director asked me|директор попросил|я менеджер*|я сотрудни*|я администратор*|я помощни*|я ассистент*|я маркетолог*|я таргетолог*|я smm|я смм|работаю в|работаю на|работаю у|работаю таргетолог*|руководитель попросил*|директор попросил*|владелец попросил*|начальник попросил*|согласовать с|согласую с|согласуем с|решает директор|решает владел*|решает руководител*|решает начальник*|i'm a manager|i'm the manager|i'm an assistant|i'm the assistant|i'm an employee|i'm a marketer|i'm the marketer|i work at|i work for|i work as|my boss|check with my|run it by|the owner decides|not the owner",
);
/** Who decides in a household: still an answer to the decision question. */
export const DECIDER = p(
  "с женой|с мужем|с супруг*|с партнер*|посоветуюсь|обсужу с|решаем вместе|with my wife|with my husband|with my partner|talk to my wife|talk to my husband|talk to my partner|together with",
);

export const ROLE = {
  targetologist: p(
    "media buyer|running fb ads for|i run _ ads for a/an/client/clients|i run _ _ ads for a/an/client/clients|i'm a freelance targetologist|i'm a _ targetologist|freelance targetologist|я таргетолог*|работаю таргетолог*|таргетолог ищу|таргетолог предлагаю|i'm a targeting specialist|i'm a targetologist|i'm a media buyer|i'm an ads specialist|i work as a targetologist|i work as a media buyer",
  ),
  smm: p(
    "do/handle/run/manage the/their social media|do/handle/run/manage the/their socials/instagram/insta|do/handle/run/manage social media|do/handle/run/manage socials|social media manager|smm manager|i'm the/a social media|веду аккаунт*/инст*/соцсет*/страниц*|веду _ аккаунт*|веду смм|веду smm|я смм-специалист*|я smm*|я смм*|я сммщи*|я smm-специалист*|работаю в smm|работаю в смм|веду соцсети клиентов|веду аккаунты|i'm a smm|i'm an smm|i'm a social media manager|i'm a social media specialist|i manage social media for|social media manager for",
  ),
  marketer: p(
    "marketing lead|head of marketing|i'm the marketing|я маркетолог*|я сам* маркетолог*|i'm a marketer|i'm the marketer|i'm a marketing manager|i'm the head of marketing",
  ),
  manager: p(
    "я менеджер*|я администратор*|i'm a manager|i'm the manager|i'm an administrator|i'm the administrator|i'm an assistant|i'm the office manager|office manager",
  ),
  privateClient: p(
    "мою/моя/нашу/наша/свою/нашей/моей квартир*/дом*/дач*/ванн*/кухн*|в квартире|в доме|в новостройк*|для себя|для дочери|для сына|для ребенка|дочь|сын|сыну|дочери|сыну|my apartment|my flat|my house|my home|my kitchen|my bathroom|my daughter|my son|my kid*|for myself|our kitchen|our house|our bathroom|our home",
  ),
};

export const TIMELINE = p(
  "january/february/march/april/june/july/august/september/october/november/december cohort/intake/launch/start/term|к/до/с/в/на/by/in январ*/феврал*/март*/апрел*/=мая/=маю/=мае/=май/июн*/июл*/август*/сентябр*/октябр*/ноябр*/декабр*/лет*/осен*/зим*/весн*/january/february/march/april/may/june/july/august/september/october/november/december/summer/autumn/fall/winter/spring|in _ weeks/days/months|in a few weeks|in a couple of weeks|через _ недел*/дн*/месяц*|через несколько недел*/дн*/месяц*|срочно|как можно скорее|на этой неделе|на следующей неделе|в этом месяце|в следующем месяце|в этом году|в следующем году|через неделю|через месяц|через пару|через два|через три|к лету|к осени|к зиме|к весне|к новому году|к сентябрю|к распродаж*|до конца|в январе|в феврале|в марте|в апреле|в мае|в июне|в июле|в августе|в сентябре|в октябре|в ноябре|в декабре|на январь|на февраль|на март|на апрель|на май|на июнь|на сентябрь|на осень|на весну|в течение|сроки|с понедельника|с января|с февраля|с марта|с апреля|с мая|с июня|с сентября|с октября|со следующего|начать сразу|начать в|начать с|стартовать|asap|urgent*|urgently|this week|next week|next month|within|by the end|by january|by february|by march|by april|by may|by june|by july|by august|by september|by october|by november|by december|by summer|by spring|by christmas|in january|in february|in march|in april|in may|in june|in july|in august|in september|in october|in november|in december|in two weeks|in a month|start right away|start next|start in|start on|timeline|deadline",
);
/** A hedge that leaves a stated time open ("в сентябре наверное"): not yet the client's timeline. */
export const HEDGE = p(
  "наверное|может быть|возможно|не знаю|не уверен*|maybe|probably|perhaps|not sure|i guess|no idea",
);
/** A time the client waits for something from the business, not their own timeline ("жду отчёт через неделю"). */
export const WAITING = p(
  "вернусь|вернемся|вернёмся|свяжусь|will come back|circle back|жду|ждем|ждём|пришлите|пришли|вышлите|отправьте|подготовьте|expect*|waiting|send|await*|get back",
);

export const NEED = p(
  "нужн*|нужен|нужна|нужно|надо|хочу|хотим|хотел*|хотелось|интересует|ищу|ищем|планирую|планируем|требуется|сделать|need*|want*|looking for|interested in|would like|i'd like|we'd like|planning|help with",
);

/** Clauses that introduce money as the client's own budget. */
export const BUDGET_CUE = p(
  "у меня _ есть|у меня _ _ есть|есть _ _ на|i have about|i've got about|i have around|бюджет*|вложить|потратить|выделить|заплатить|рассчитыва*|уложиться|в пределах|не больше|максимум|budget*|spend|afford|up to|no more than|willing to pay|can pay|invest",
);
/** A budget with no figure. */
export const BUDGET_OPEN = p(
  "бюджет не ограничен|бюджет гибк*|budget is flexible|flexible budget|budget isn't an issue|no limit",
);
/** A price asked about or quoted back ("у вас 2500?"), not a budget. */
/** Asking the business's price: a sender who does is a client, whatever else they say. */
export const ASKS_PRICE = p(
  "сколько стоит|сколько будет стоить|какая цена|какие цены|how much is|how much does|how much for|what's the price|what are your prices",
);
export const PRICE_QUESTION = p(
  "сколько стоит|сколько будет|какая цена|какая стоимость|стоимость|how much|what's the price|what is the price|cost",
);

/** Business questions, so a short answer in the client's next turn fills the question asked. */
export const ASKS = {
  budget: p("бюджет*|сколько готовы|на какую сумму|ориентир*|стоимост*|budget*|how much are you|spend|price range"),
  timeline: p("когда|сроки|к какому|when|timeline|how soon|start date|by when"),
  owner: p(
    "владелец|владелица|вы принимаете решени*|кто принимает|кто решает|решение принимаете|the owner|who decides|decision maker|make the decision",
  ),
  need: p(
    "что нужно|что хотите|какая задача|что планируете|чем занимаетесь|что у вас|what do you need|what would you like|what are you selling|tell me about|what kind",
  ),
};
export const YES = p("да|конечно|верно|так и есть|yes|yeah|yep|correct|sure|that's me|i am");
export const NO = p("нет|no|nope");
