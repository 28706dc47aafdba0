// snowball-stemmers 0.6.0 ships no types. Only what the offline reply engine calls is declared.
declare module "snowball-stemmers" {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): SnowballStemmer;
  export function algorithms(): string[];
}
