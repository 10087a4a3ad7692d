/**
 * What a person typed in the search box, split into the parts the ranking
 * understands. Anything else (tsquery operators, punctuation) is just text:
 * nothing typed can break the query.
 */
export interface ParsedQuery {
  /** Free text: every word counts towards relevance; none is required. */
  text: string;
  /** "Quoted phrases": documents with the words in that order rank first. */
  phrases: string[];
  /**
   * True when nothing but phrases was typed (`"foster care"`): an exact
   * look-up, so only documents with the phrases are returned. Inside a longer
   * question quotation marks are often emphasis or a term being named ("…
   * the "TSS" (Time Sharing System) …"), and filtering on them would empty
   * the results; there they only rank.
   */
  phrasesRequired: boolean;
  /** -words and -"phrases" that must not appear. */
  excluded: string[];
}

export const MAX_QUERY_LENGTH = 1000;

export function parseQuery(input: string): ParsedQuery {
  const raw = input
    .normalize('NFKC')
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/\p{Cc}/gu, ' ');
  const phrases: string[] = [];
  const excluded: string[] = [];
  const text: string[] = [];
  let looseWords = 0;
  const pattern = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const match of raw.matchAll(pattern)) {
    if (match[2] !== undefined) {
      const phrase = match[2].trim();
      if (!phrase) continue;
      if (match[1]) excluded.push(phrase);
      else {
        phrases.push(phrase);
        text.push(phrase);
      }
      continue;
    }
    const word = match[4];
    if (match[3] && word.length > 1 && /[\p{L}\p{N}]/u.test(word)) excluded.push(word);
    else {
      text.push(word);
      if (/[\p{L}\p{N}]/u.test(word)) looseWords++;
    }
  }
  return { text: text.join(' ').replace(/"/g, ' ').trim(), phrases, phrasesRequired: phrases.length > 0 && looseWords === 0, excluded };
}
