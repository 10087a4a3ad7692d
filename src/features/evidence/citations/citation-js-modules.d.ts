// @citation-js ships JavaScript without type declarations; this is the part we use.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(data: unknown, options: { target?: string; forceType?: string }): unknown;
    };
    output: {
      format(name: string, data: unknown[], ...options: unknown[]): unknown;
    };
    config: {
      get(name: '@bibtex'): { constants: { commands: Record<string, string> } };
    };
  };
  export class Cite {
    constructor(data: unknown);
    format(name: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
/** The BibTeX file grammar: entries with their fields as written (LaTeX not yet decoded); `@string` macros applied. */
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  export function parse(text: string): Array<{ type: string; label: string; properties: Record<string, string> }>;
}
/** One field's LaTeX decoded to text, or to a list of names or words, by the field's BibLaTeX type. */
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  export interface BibName {
    family?: string;
    given?: string;
    prefix?: string;
    suffix?: string;
    literal?: string;
  }
  export function parse(text: string, field: string): string | string[] | BibName[];
}
