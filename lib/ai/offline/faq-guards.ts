import { normalize, termOf } from "./reply-text";

// Signs that an FAQ entry sharing the client's words answers another question: a notice period read as a length,
// a need read as an offer, a particular name or way the entry does not speak of.

/** Terms of the names in a text: Latin words in a Cyrillic one, words in capitals ("IELTS", "ZOOM"). */
export function namesIn(text: string): string[] {
  const cyrillic = /\p{Script=Cyrillic}/u.test(text);
  return (text.match(/[\p{L}\d]+/gu) ?? [])
    .filter((w) => (cyrillic && /^[a-z]{3,}$/i.test(w)) || /^[A-Z]{2,}[A-Z\d]*$/.test(w))
    .map((w) => termOf(normalize(w)))
    .filter((t): t is string => t !== null);
}

export const OPEN = /(?<![\p{L}])(?:how|what|which|как|какие|какой|каким|какая|что|чем)(?![\p{L}])/u;

export const NOTICE =
  /(?:предупре\p{L}*|уведом\p{L}*|сообщ\p{L}*|отмен\p{L}*|перенес\p{L}*|заранее)\s+(?:\p{L}+\s+)?за\s+\d+\s*\p{L}+|за\s+\d+\s*\p{L}+\s+(?:до|заранее)(?![\p{L}])|\d+\s*(?:hours?|days?)\s+(?:in advance|before|notice|ahead)|(?:notice|advance)\s+of\s+\d+\s*\p{L}+/giu;

export const NEED =
  /(?<![\p{L}])(?:нужн\p{L}*|нужен|обязательн\p{L}*|необходим\p{L}*|требуе\p{L}*|do i need|need to|needed|required|must)(?![\p{L}])/u;
export const OFFER =
  /(?<![\p{L}])(?:(?:можно|могу|могли бы|можете)\s+(?:\p{L}+\s+)?(?:сделать|поставить|провести)|делаете|сделаете|ставите|проводите|do you (?:do|offer|give|provide)|can you (?:do|give|make)|can i get)(?![\p{L}])/u;
