import { newStemmer } from "snowball-stemmers";
import type { Language } from "@/lib/ai/analysis-schema";
import { CONCEPTS, STOP_WORDS } from "./lexicon";

// Text helpers of the reply engine: the client's language, and the "terms" of a text — each word as a shared
// concept when the lexicon knows it, else as its Snowball stem, so "ванной"/"ванная" and "bathroom" meet.

const russian = newStemmer("russian");
const english = newStemmer("english");

// Colloquial spellings of the words the cues are made of ("скока стоит" is "сколько стоит").
const COLLOQUIAL: [RegExp, string][] = [
  [/(?<![\p{L}])(?:скока|скоко|сколька|скок|скольк)(?![\p{L}])/gu, "сколько"],
  [/(?<![\p{L}])(?:whats|what's)(?![\p{L}])/gu, "what is"],
  [/(?<![\p{L}])sign[- ]up(?![\p{L}])/gu, "signup"],
  [/(?<![\p{L}])(?:where's|wheres)(?![\p{L}])/gu, "where is"],
  // "E-bike", "e bike", "ebike": one word, not a bike ("is my bike ready?" is no question about e-bikes).
  [/(?<![\p{L}])e[- ]?(bikes?|scooters?)(?![\p{L}])/gu, "e$1"],
  [/(?<![\p{L}])r u(?![\p{L}])/gu, "are you"],
  // A client who gives their age ("мне 16, можно уже к вам?") asks the age rule.
  [/(?<![\p{L}])мне (\d{1,2})(?: (?:лет|год|года))?(?![\p{L}\d])/gu, "мне $1 возраст"],
  [/(?<![\p{L}])(i'm|i am|im) (\d{1,2})(?: years old)?(?![\p{L}\d])/gu, "$1 $2 age"],
  // Phrases that are one word's meaning: "get my money back" is a refund.
  [/(?<![\p{L}])(?:money back|верн\p{L}* деньг\p{L}*|деньг\p{L}* верн\p{L}*|возврат денег)(?![\p{L}])/gu, "refund"],
  [
    /(?<![\p{L}])(?:(?:оставить|поставить) машину|машину (?:где |куда )?(?:оставить|поставить))(?![\p{L}])/gu,
    "парковка",
  ],
];

export const normalize = (text: string) =>
  COLLOQUIAL.reduce(
    (t, [pattern, to]) => t.replace(pattern, to),
    text.toLowerCase().replace(/ё/g, "е").replace(/’/g, "'"),
  );

const isCyrillic = (word: string) => /\p{Script=Cyrillic}/u.test(word);
const stemOf = (word: string) => (isCyrillic(word) ? russian.stem(word) : english.stem(word));

/** Cyrillic share of the letters decides; Russian clients paste Latin brand names, so a third is enough. */
export function languageOf(text: string): Language {
  const cyr = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const lat = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyr + lat === 0) return "other";
  return cyr / (cyr + lat) >= 0.3 ? "ru" : "en";
}

// Words clients use for things the shared lexicon names otherwise ("частями" is an instalment, "сын" a child):
// kept with the reply engine so the dialog analysis reads as before.
const REPLY_CONCEPTS: Record<string, string[]> = {
  child: ["сын", "сына", "сыну", "дочь", "дочка", "дочке", "дочери", "son", "daughter", "toddler"],
  personal: ["individual", "private"],
  club: ["клуб", "клуба", "club"],
  conversation: ["разговорный", "разговорного", "разговорная", "conversation", "conversational", "speaking"],
  installment: ["рассрочки", "частями", "долями"],
  refund: ["возврат", "refund", "refunded", "refunds"],
  dog: ["retriever", "puppy", "pup", "щенок", "щенка"],
  anesthesia: [
    "обезбол",
    "обезболом",
    "обезболивание",
    "анестезия",
    "анестезией",
    "наркоз",
    "anesthesia",
    "anaesthetic",
  ],
  minimum: ["минимальный", "минимальная", "минимальную", "минималка", "минимум", "minimum"],
  makeup: ["макияж", "визажист", "makeup"],
  pain: ["больно", "боль", "болезненно", "боюсь", "страшно", "painful", "pain", "hurt", "hurts", "scared"],
  photoshoot: ["фотосессия", "фотосессию", "фотосъемка", "photoshoot", "shoot"],
  eyebrows: ["брови", "бровей", "бровки", "eyebrows", "brows"],
  window: ["окно", "окна", "окон", "window", "windows"],
  sofa: ["диван", "дивана", "sofa", "couch"],
  ironing: ["глажка", "глажку", "гладить", "погладить", "ironing", "iron"],
  coloring: ["окрасить", "окрашивать", "красите", "покрасить"],
  hair: ["волосы", "волос", "hair"],
  washing: ["мойка", "мойку", "помыть", "мыть", "вымыть", "wash", "washing"],
  cleaning: ["cleansing", "убираете", "убрать", "убираться", "почистить", "почистите", "почистим", "чистить"],
  face: ["лицо", "лица", "face", "facial"],
  correction: ["коррекция", "коррекцию", "поправить", "подправить", "correction"],
  xray: ["рентген", "рентгена", "снимок", "xray", "ray"],
  deepclean: ["генеральная", "генеральную", "генералка", "генералку", "генералки"],
  // Languages taught: a course in one is not a course in another.
  spanish: ["испанский", "испанского", "испанскому", "spanish"],
  french: ["французский", "французского", "французскому", "french"],
  german: ["немецкий", "немецкого", "немецкому", "german"],
  chinese: ["китайский", "китайского", "китайскому", "chinese", "mandarin"],
  italian: ["итальянский", "итальянского", "italian"],
  portuguese: ["португальский", "португальского", "portuguese"],
  // Vehicles a service may not take: "развал на грузовик" is not the car's price.
  truck: ["грузовик", "грузовика", "грузовой", "грузовую", "газель", "truck", "lorry", "van"],
  motorcycle: ["мотоцикл", "мотоцикла", "мотик", "мотика", "скутер", "motorcycle", "motorbike", "scooter"],
  bicycle: [
    "велосипед",
    "велосипеда",
    "велосипеду",
    "велик",
    "велика",
    "велике",
    "bike",
    "bikes",
    "bicycle",
    "bicycles",
  ],
  ebike: ["ebike", "ebikes", "электровелосипед", "электровелосипеда", "электровелик", "электровелика"],
  video: ["видео", "видеосъемка", "видеосъемку", "video", "videography", "videographer"],
  photo: ["фото", "фотку", "фотка", "фотки", "фоткой", "photo", "photos", "photography", "pictures", "pics"],
  // Fixing is repairing, in any word for it: "макбук чините?", "айфон отремонтируете?".
  repair: ["чините", "чинить", "починить", "почините", "отремонтируете", "отремонтировать", "ремонтируете", "fix"],
  phone: ["айфон", "айфона", "смартфон", "смартфоны", "iphone", "smartphone", "phones"],
  hygiene: ["гигиена", "гигиену", "гигиеническая", "гигиеническую", "гигиенический", "hygiene", "hygienic"],
  certificate: ["сертификат", "сертификаты", "сертификата", "certificate", "certificates", "voucher"],
  beginner: ["новичок", "начинающий", "нуля", "beginner", "beginners", "beginning"],
  // "Абонемент на год" is the yearly one: the noun joins its adjective ("годовой", lexicon.ts).
  annual: ["год", "года", "year"],
  // Things a price list names in one language and clients in the other: "brake pads" / "тормозных колодок".
  bouquet: ["букет", "букета", "букеты", "букетов", "bouquet", "bouquets"],
  wedding: ["свадебный", "свадебного", "свадебную", "свадебные", "свадьба", "свадьбу", "wedding", "bridal"],
  rose: ["роза", "розы", "роз", "розами", "rose", "roses"],
  brake: ["тормоз", "тормоза", "тормозной", "тормозные", "тормозных", "brake", "brakes"],
  pads: ["колодки", "колодок", "колодками", "pads"],
  replacement: [
    "замена",
    "замену",
    "заменой",
    "заменить",
    "меняете",
    "менять",
    "поменять",
    "replace",
    "replacement",
    "replacing",
  ],
  // Workshop words clients shorten or say in the other language: "ноут", "винда", "клава", "цепь на велике".
  laptop: [
    "ноутбук",
    "ноутбука",
    "ноутбуке",
    "ноутбуки",
    "ноут",
    "ноута",
    "ноуте",
    "ноуты",
    "laptop",
    "laptops",
    "notebook",
  ],
  computer: ["компьютер", "компьютера", "компьютеры", "комп", "компа", "пк", "pc", "computer", "computers"],
  windows: ["windows", "винда", "винду", "винды", "виндовс", "виндоус"],
  keyboard: ["клавиатура", "клавиатуры", "клавиатуру", "клава", "клаву", "клавы", "keyboard"],
  install: ["переустановить", "переустановка", "переустановку", "поставить", "reinstall", "reinstalling"],
  restore: [
    "восстановить",
    "восстановление",
    "восстановления",
    "восстановим",
    "вернуть",
    "restore",
    "recover",
    "recovery",
  ],
  callout: ["выезд", "выезда", "вызов", "вызова", "вызвать", "callout"],
  chain: ["цепь", "цепи", "цепью", "chain", "chains"],
  tube: ["камера", "камеру", "камеры", "tube", "tubes", "inner"],
  puncture: ["прокол", "проколол", "проколола", "пробил", "flat", "puncture", "punctured"],
  rent: ["аренда", "аренду", "арендовать", "арендую", "прокат", "rent", "rental", "rentals", "hire"],
  // A car wash, a car service or a driving school is about cars: "машины" names no other job there.
  car: [
    "машина",
    "машину",
    "машины",
    "автомобиль",
    "автомобиля",
    "авто",
    "автомойка",
    "автосервис",
    "автошкола",
    "автошколы",
    "car",
    "cars",
  ],
  trafficpolice: ["гаи", "гибдд", "гибдэдэ"],
  driving: ["вождение", "вождения", "вождению", "водить", "кататься", "покататься", "driving", "drive"],
  lesson: ["выучиться", "научиться", "выучить", "learn", "learning"],
  cake: ["торт", "торта", "торты", "тортов", "тортик", "cake", "cakes"],
  body: ["тело", "тела", "телу", "body"],
  whole: ["всего", "весь", "целиком", "full", "whole", "entire"],
  additional: ["дополнительное", "дополнительный", "дополнительные", "доп", "extra", "additional"],
  aircon: ["кондиционер", "кондиционера", "кондиционеры", "кондей", "ac", "aircon", "conditioning"],
  recharge: ["заправка", "заправку", "заправить", "recharge", "regas", "refill"],
};

/** Words that say nothing of what is asked about: "тоже", "обычная", "примерно", "за метр", "one". */
const REPLY_STOP = new Set(
  "чтоб чтобы дороже from got где подскажите подскажи скажите скиньте скинь пришлите пришли пжл плз pls plz until back далеко идти пешком far walk купить куплю приобрести buy purchase предварительно предварительная предварительную заранее advance тоже также обычный обычная обычную обычно примерно приблизительно деньгам деньги один одна одном одного одну метр метра квадрат квадратов квадратных also one usual regular normal approximately roughly guys don dont want know her his him she he they them it its".split(
    " ",
  ),
);

const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of [...Object.entries(CONCEPTS), ...Object.entries(REPLY_CONCEPTS)]) {
  for (const w of words) if (!CONCEPT_OF.has(stemOf(normalize(w)))) CONCEPT_OF.set(stemOf(normalize(w)), concept);
}
// A word the lexicon lists is that concept even where its stem is another's ("installments" and "installation"
// both stem to "instal").
const WORD_CONCEPT = new Map<string, string>();
for (const [concept, words] of [...Object.entries(CONCEPTS), ...Object.entries(REPLY_CONCEPTS)]) {
  for (const w of words) if (!WORD_CONCEPT.has(normalize(w))) WORD_CONCEPT.set(normalize(w), concept);
}
const STOP_STEMS = new Set([...STOP_WORDS].map((w) => stemOf(w)));

export const words = (text: string): string[] => normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** A concept whose word is one typo away from this long stem ("электромантаж" → electrical). */
function nearConcept(stem: string): string | undefined {
  // Six letters are too few: "prepar" (preparation) is one edit from "prepay".
  if (stem.length < 7) return undefined;
  for (const [known, concept] of CONCEPT_OF) {
    if (known.length >= 7 && known[0] === stem[0] && within(known, stem, 1)) return concept;
  }
  return undefined;
}

// Concepts the shared lexicon keeps apart that a client's word joins: "покрасить" is painting walls and dyeing hair.
const SAME_CONCEPT: Record<string, string> = { painting: "coloring" };

/** A term: `c:<concept>` for a known concept, `s:<stem>` otherwise. */
export function termOf(word: string): string | null {
  if (STOP_WORDS.has(word) || REPLY_STOP.has(word) || /^\d+$/.test(word)) return null;
  const stem = stemOf(word);
  const concept = WORD_CONCEPT.get(word) ?? CONCEPT_OF.get(stem) ?? nearConcept(stem);
  if (concept) return `c:${SAME_CONCEPT[concept] ?? concept}`;
  if (word.length < 3 || STOP_STEMS.has(stem)) return null;
  return `s:${stem}`;
}

export function terms(text: string, ignore?: RegExp): Set<string> {
  const out = new Set<string>();
  const cleaned = ignore ? normalize(text).replace(ignore, " ") : text;
  for (const w of words(cleaned)) {
    const t = termOf(w);
    if (t) out.add(t);
  }
  return out;
}

export const isConcept = (term: string) => term.startsWith("c:");

const LATIN: Record<string, string> = Object.fromEntries(
  "а:a б:b в:v г:g д:d е:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya"
    .split(" ")
    .map((pair) => pair.split(":")),
);
// Spelt loosely, so "зум" meets "zoom" and "фронтенд" "frontend": vowels and doubled letters as they sound.
const loose = (word: string) =>
  word
    .replace(/oo/g, "u")
    .replace(/ph/g, "f")
    .replace(/c(?=[eiy])/g, "s")
    .replace(/c/g, "k")
    .replace(/w/g, "v")
    .replace(/(.)\1/g, "$1");
const latin = (word: string) => loose([...word].map((c) => LATIN[c] ?? c).join(""));

/** Levenshtein distance, stopping early once it exceeds `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
}

/**
 * Two terms name the same thing: the same term; or two stems of one word that Snowball cut differently ("дуб" /
 * "дубов", "чипирова" / "чипирован": one begins the other and is at most two letters shorter); or a typo in a
 * long word (one edit in stems of six letters or more, same first letter: "электромантаж"). Concepts match only
 * themselves.
 */
export function termMatches(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith("s:") || !b.startsWith("s:")) return false;
  // A Latin name written in Cyrillic ("фронтенд" for Frontend) is compared letter for letter.
  const [p, q] = isCyrillic(a) === isCyrillic(b) ? [a.slice(2), b.slice(2)] : [latin(a.slice(2)), latin(b.slice(2))];
  if (stemsMatch(p, q)) return true;
  // A verb's prefix ("вылечить" / "лечение", "подстрижёте" / "стрижёте") is the same job.
  const bare = (w: string) => w.match(PREFIX)?.[1];
  const [bp, bq] = [bare(p), bare(q)];
  return Boolean((bp && !bq && stemsMatch(bp, q)) || (bq && !bp && stemsMatch(p, bq)));
}

const PREFIX = /^(?:вы|под|пере|при|про)(\p{L}{3,})$/u;

function stemsMatch(p: string, q: string): boolean {
  const [x, y] = p.length <= q.length ? [p, q] : [q, p];
  if (x.length >= 3 && y.startsWith(x) && y.length - x.length <= 2) return true;
  return x.length >= 6 && x[0] === y[0] && within(x, y, 1);
}

export const hasMatch = (set: Iterable<string>, term: string) => [...set].some((t) => termMatches(t, term));
