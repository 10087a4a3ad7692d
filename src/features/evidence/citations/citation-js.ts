/**
 * citation-js, for what it does better than we would by hand: decoding
 * BibTeX's LaTeX into text, and formatting reference lists in citation
 * styles. It is loaded the first time a file needs it rather than at
 * start-up, as it holds about 20 MB.
 */
export async function citationJs() {
  const [core] = await Promise.all([import('@citation-js/core'), import('@citation-js/plugin-bibtex'), import('@citation-js/plugin-csl')]);
  // Commands found in real files that the plugin does not know: å and Å (JabRef and Zotero write {\aa} and {\AA}).
  Object.assign(core.plugins.config.get('@bibtex').constants.commands, { aa: 'å', AA: 'Å' });
  return core;
}

/** The BibTeX plugin's own file and field grammars, which the importer drives one entry at a time. */
export async function bibtexGrammars() {
  await citationJs();
  const [file, value] = await Promise.all([import('@citation-js/plugin-bibtex/lib/input/file.js'), import('@citation-js/plugin-bibtex/lib/input/value.js')]);
  return { parseEntries: file.parse, parseValue: value.parse };
}
