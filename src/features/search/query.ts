/**
 * What a person typed in the search box, split into the parts the ranking
 * understands. Anything else (tsquery operators, punctuation) is just text:
 * nothing typed can break the query.
 */
export interface ParsedQuery {
  /** Free text: every word counts towards relevance; none is required. */
  text: string;
  /** "Quoted phrases" that must appear, words in order. */
  phrases: string[];
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
    else text.push(word);
  }
  return { text: text.join(' ').replace(/"/g, ' ').trim(), phrases, excluded };
}
