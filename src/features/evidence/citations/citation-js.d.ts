// @citation-js ships JavaScript without type declarations; this is the part we use.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(data: unknown, options: { target?: string; forceType?: string }): unknown;
    };
    output: {
      format(name: string, data: unknown[], ...options: unknown[]): unknown;
    };
  };
  export class Cite {
    constructor(data: unknown);
    format(name: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
