/**
 * citation-js with the formats Bridgework reads and writes (BibTeX, RIS and
 * CSL styles), loaded the first time a reference file is imported or
 * exported rather than at start-up: it holds about 20 MB.
 */
export async function citationJs() {
  const [core] = await Promise.all([
    import('@citation-js/core'),
    import('@citation-js/plugin-bibtex'),
    import('@citation-js/plugin-ris'),
    import('@citation-js/plugin-csl'),
  ]);
  return core;
}
