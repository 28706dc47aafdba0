// Words of the two languages that name the same thing, so an English question meets a service the profile
// names in Russian ("laminate fitting" ~ "Укладка ламината") and Russian word forms meet each other. A concept
// is only a shared key for matching: replies quote the profile's own words, never these.

export const CONCEPTS: Record<string, string[]> = {
  bathroom: [
    "ванная",
    "ванна",
    "ванной",
    "санузел",
    "санузла",
    "туалет",
    "душевая",
    "bathroom",
    "toilet",
    "shower",
    "washroom",
  ],
  kitchen: ["кухня", "кухни", "кухонный", "kitchen"],
  install: [
    "укладка",
    "укладку",
    "уложить",
    "положить",
    "постелить",
    "монтаж",
    "монтажа",
    "установка",
    "установку",
    "установить",
    "fitting",
    "fit",
    "installation",
    "install",
    "laying",
    "lay",
  ],
  laminate: ["ламинат", "ламината", "laminate"],
  tile: ["плитка", "плитки", "плитку", "кафель", "плиточный", "tile", "tiles", "tiling"],
  floor: ["пол", "полы", "полов", "напольный", "floor", "floors", "flooring"],
  parquet: ["паркет", "parquet"],
  apartment: [
    "квартира",
    "квартиры",
    "двушка",
    "однушка",
    "трешка",
    "двухкомнатная",
    "однокомнатная",
    "трехкомнатная",
    "студия",
    "flat",
    "apartment",
  ],
  house: ["дом", "дома", "коттедж", "house", "cottage"],
  room: ["комната", "комнаты", "room"],
  repair: [
    "ремонт",
    "ремонта",
    "отделка",
    "отделки",
    "renovation",
    "renovate",
    "repair",
    "refurbishment",
    "remodel",
    "remodeling",
  ],
  turnkey: ["ключ", "turnkey"],
  measurement: ["замер", "замера", "замерщик", "замерщика", "замеры", "measurement", "measure", "measuring", "survey"],
  estimate: ["смета", "сметы", "смету", "расчет", "estimate", "quote", "quotation"],
  design: ["дизайн", "дизайнер", "design", "designer"],
  electrical: [
    "электрика",
    "электрик",
    "электромонтаж",
    "проводка",
    "проводки",
    "розетки",
    "electrical",
    "electrician",
    "wiring",
    "sockets",
  ],
  plumbing: ["сантехника", "сантехник", "сантехнические", "plumbing", "plumber"],
  painting: ["покраска", "покрасить", "покраски", "painting", "paint"],
  wallpaper: ["обои", "обоев", "поклейка", "wallpaper"],
  ceiling: ["потолок", "потолка", "потолки", "натяжной", "ceiling", "ceilings"],
  plaster: ["штукатурка", "штукатурки", "шпаклевка", "plaster", "plastering"],
  screed: ["стяжка", "стяжки", "screed"],
  window: ["окно", "окна", "окон", "window", "windows"],
  door: ["дверь", "двери", "дверей", "door", "doors"],
  wall: ["стена", "стены", "стен", "перегородка", "wall", "walls", "partition"],
  demolition: ["демонтаж", "снос", "demolition", "removal"],
  material: ["материал", "материалы", "материалов", "material", "materials"],
  warranty: ["гарантия", "гарантию", "гарантии", "warranty", "guarantee"],
  contract: ["договор", "договора", "contract"],
  payment: ["оплата", "оплатить", "оплату", "предоплата", "payment", "pay", "prepayment"],
  installment: ["рассрочка", "рассрочку", "кредит", "installment", "instalment", "installments", "credit"],
  card: ["карта", "картой", "безнал", "безналичный", "card"],
  cash: ["наличные", "наличными", "cash"],
  discount: ["скидка", "скидку", "скидки", "акция", "discount", "sale"],
  delivery: ["доставка", "доставку", "доставки", "привезти", "delivery", "deliver", "shipping"],
  parking: ["парковка", "парковки", "припарковаться", "парковаться", "парковку", "parking", "park"],
  accept: ["принимаете", "принимать", "берете", "accept", "take"],
  insurance: ["страховка", "страховку", "страховой", "дмс", "insurance"],
  english: ["английский", "английского", "английскому", "english"],
  men: ["мужская", "мужской", "мужчин", "мужчины", "men", "man", "male"],
  women: ["женская", "женский", "женщин", "женщины", "women", "woman", "female", "ladies"],
  adult: ["взрослый", "взрослых", "взрослые", "adult", "adults"],
  haircut: ["стрижка", "стрижку", "подстричь", "подстричься", "haircut", "trim"],
  coloring: ["окрашивание", "покраска волос", "colouring", "coloring", "dye"],
  manicure: ["маникюр", "ногти", "ногтей", "manicure", "nails"],
  pedicure: ["педикюр", "pedicure"],
  massage: ["массаж", "массажа", "massage"],
  brows: ["брови", "бровей", "brows", "eyebrows"],
  dentist: ["стоматолог", "стоматология", "зуб", "зубы", "зубов", "dentist", "dental", "tooth", "teeth"],
  cleaning: ["чистка", "чистку", "уборка", "уборку", "cleaning", "clean"],
  whitening: ["отбеливание", "whitening"],
  implant: ["имплант", "импланты", "имплантация", "implant", "implants"],
  consultation: ["консультация", "консультацию", "консультации", "consultation", "consult"],
  doctor: ["врач", "врача", "доктор", "doctor", "physician"],
  checkup: ["обследование", "осмотр", "анализ", "анализы", "checkup", "check", "examination", "tests"],
  lesson: ["урок", "уроки", "занятие", "занятия", "lesson", "lessons", "class", "classes"],
  course: ["курс", "курсы", "курса", "course", "courses"],
  trial: ["пробный", "пробное", "пробного", "trial"],
  child: ["ребенок", "ребенка", "дети", "детей", "детский", "child", "children", "kid", "kids"],
  online: ["онлайн", "дистанционно", "online", "remote", "remotely"],
  certificate: ["сертификат", "certificate"],
  phone: ["телефон", "номер", "phone", "number"],
};

/**
 * Concepts that single out one product among similar ones ("Пробный урок", "Мужская стрижка"): a service
 * named with one the client did not say may be a different product than the one asked about.
 */
export const QUALIFIERS = new Set(["trial", "child", "adult", "men", "women", "online"]);

/** Words that carry no subject: function words, politeness, the question's frame. */
export const STOP_WORDS = new Set(
  (
    "и в во на не ни что как а но да нет по с со к ко у о об от до за из для это эта этот эти вы вас вам ли же бы " +
    "то там тут ещё еще уже мне меня мой моя мою мои мы нас нам я он она они его ее их ваш ваша вашу ваши вашей " +
    "можно подскажите подскажи скажите пожалуйста здравствуйте привет добрый день вечер утро доброе спасибо " +
    "хочу хотел хотела хотим нужно нужен нужна надо интересует интересно узнать будет есть быть если или также " +
    "так какой какая какое какие каких сколько примерно приблизительно ориентировочно вообще очень просто " +
    "выезжаете приезжаете обслуживаете пришлите скиньте напишите отправьте просто звонить звоните работаете работает работают под над при через делаете делать сделать сделаете услуга услуги услугу работа работы работу работ заказать заказ " +
    "у вас всё все весь вся цена цены цену стоит стоимость " +
    "the a an is are am was were do does did you your yours we our ours i me my to of in on for at and or can " +
    "could would will shall should is it its be been with what how when where which who there here please hi " +
    "hello hey thanks thank any some about much many also just like want wanted need would that this these those " +
    "send tell have has had get service services work job price prices cost costs much"
  ).split(" "),
);
