// snowball-stemmers 0.6.0 ships no types; this is the part of its API the offline engine uses.
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export type SnowballStemmer = Stemmer;
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}
