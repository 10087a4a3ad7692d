/**
 * Authors are stored as "Family, Given" strings, with any particle kept in
 * the family part ("van de Kerkhof, Maarten") and a suffix after a second
 * comma ("King, Martin Luther, Jr."); an organisation is its name alone.
 * These convert between that form and the structured names of CSL-JSON.
 */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  literal?: string;
}

const squash = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

export function nameFromCsl(name: CslName): string {
  if (name.literal) return squash(name.literal);
  const family = squash([name['non-dropping-particle'], name.family].filter(Boolean).join(' '));
  const given = squash([name.given, name['dropping-particle']].filter(Boolean).join(' '));
  const suffix = squash(name.suffix);
  if (!family) return given;
  if (suffix) return `${family}, ${given}, ${suffix}`;
  return given ? `${family}, ${given}` : family;
}

/** A lower-case word before the family name ("van", "de la", "von") is a particle, as BibTeX and CSL both read it. */
const particlePattern = /^((?:[a-z\u00df-\u00ff]+['’]?\s+)+)(.+)$/;

export function nameToCsl(author: string): CslName {
  const parts = author.split(',').map((part) => part.trim());
  if (parts.length < 2) return { literal: author.trim() };
  const [familyPart, given, ...rest] = parts;
  const name: CslName = { family: familyPart, given };
  const particle = particlePattern.exec(familyPart);
  if (particle) {
    name['non-dropping-particle'] = particle[1].trim();
    name.family = particle[2];
  }
  if (rest.length) name.suffix = rest.join(', ');
  return name;
}
