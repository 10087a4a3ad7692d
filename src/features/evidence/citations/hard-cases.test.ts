import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readReferenceFile } from './read-file.ts';

const read = async (text: string) => (await readReferenceFile(Buffer.from(text, 'utf8'))).records;

/** What real exports from other tools have broken before, one case each. */
describe('reference files as the tools write them', () => {
  it('BibTeX: accents and commands as text, string macros, @comment and @preamble, a key-less EndNote entry, an unbalanced brace kept to its entry', async () => {
    const records = await read(
      [
        '@preamble{"\\newcommand{\\noop}[1]{}"}',
        '@string{cdev = "Child Development"}',
        '@comment{Exported by Zotero with Better BibTeX {and a stray brace}',
        '@article{akerman2019,',
        '  author = {{\\AA}kerman, Lars and M{\\"u}ller, J\\"{o}rg and Stra{\\ss}er, Anna and van der Berg, Piet and King, Jr., Martin},',
        '  title = {\\emph{Early} language in {\\O}sterbro -- a \\textit{cohort} study of 10\\% \\& more},',
        '  journal = cdev,',
        '  year = {2019},',
        '}',
        '@article{broken, title = {An {unbalanced title}, year = {2020}',
        '@article{',
        '  title = {An EndNote entry with no key},',
        '  year = {2018}',
        '}',
      ].join('\n'),
    );
    assert.equal(records.length, 3);
    assert.deepEqual(records[0].authors, ['Åkerman, Lars', 'Müller, Jörg', 'Straßer, Anna', 'van der Berg, Piet', 'King, Martin, Jr.']);
    assert.equal(records[0].title, 'Early language in Østerbro – a cohort study of 10% & more');
    assert.equal(records[0].publisher, 'Child Development', 'the @string macro');
    assert.match(records[1].problem ?? '', /could not be read/);
    assert.equal(records[1].line, 10);
    assert.equal(records[2].title, 'An EndNote entry with no key');
  });

  it('Web of Science BibTeX: a DOI and a Unique-ID written with LaTeX escapes, capitalised field names', async () => {
    const [record] = await read(
      '@incollection{ WOS:000447258500003,\nAuthor = {Smith, Anne},\nTitle = {{Chapter} three},\nBooktitle = {{Handbook}},\nYear = {{2018}},\nDOI = {{10.1007/978-3-319-9\\_3}},\nUnique-ID = {{WOS:000447258500003}},\n}\n',
    );
    assert.equal(record.doi, '10.1007/978-3-319-9_3');
    assert.equal(record.identifiers.accession, 'WOS:000447258500003');
    assert.equal(record.type, 'chapter');
    assert.equal(record.year, '2018');
  });

  it('RIS from Dimensions and Web of Science: DA as a month or a day never replaces PY, and two addresses on one UR line are both kept', async () => {
    const [first, second] = await read(
      [
        'TY  - JOUR',
        'TI  - Recruitment of foster carers',
        'PY  - 2021',
        'DA  - DEC',
        'UR  - https://app.dimensions.ai/details/publication/pub.1 https://doi.org/10.1000/xyz.1',
        'ER  - ',
        '',
        'TY  - JOUR',
        'TI  - Kinship care',
        'Y1  - 2019///',
        'DA  - 10',
        'L1  - https://example.org/full.pdf',
        'M1  - WOS:000123',
        'ER  - ',
      ].join('\r\n'),
    );
    assert.equal(first.year, '2021');
    assert.equal(first.url, 'https://app.dimensions.ai/details/publication/pub.1');
    assert.deepEqual(first.links, ['https://doi.org/10.1000/xyz.1']);
    assert.equal(first.doi, '10.1000/xyz.1', 'a DOI found in an address');
    assert.equal(second.year, '2019');
    assert.equal(second.url, 'https://example.org/full.pdf');
    assert.equal(second.identifiers.accession, 'WOS:000123');
  });

  it('RIS from SciELO: the title is TI, and the translated title TT is kept beside it', async () => {
    const [record] = await read('TY  - JOUR\nTT  - Foster care in Brazil\nTI  - Acolhimento familiar no Brasil\nA1  - Silva, João\nN2  - Resumo.\nER  - \n');
    assert.equal(record.title, 'Acolhimento familiar no Brasil');
    assert.equal(record.translatedTitle, 'Foster care in Brazil');
    assert.deepEqual(record.authors, ['Silva, João']);
    assert.equal(record.abstract, 'Resumo.');
  });

  it('CSL-JSON from Zotero, and an item that is not an object listed with its line', async () => {
    const records = await read(
      JSON.stringify(
        [
          {
            type: 'article-journal',
            title: 'Family hubs',
            author: [{ family: 'Kerkhof', given: 'Maarten', 'non-dropping-particle': 'van de' }],
            issued: { 'date-parts': [[2022, 3]] },
            DOI: '10.1/fh',
            keyword: 'hubs, families',
          },
          'not an item',
        ],
        null,
        2,
      ),
    );
    assert.deepEqual(records[0].authors, ['van de Kerkhof, Maarten']);
    assert.deepEqual(records[0].keywords, ['hubs', 'families']);
    assert.equal(records[0].year, '2022');
    assert.match(records[1].problem ?? '', /not a CSL-JSON object/);
    assert.equal(records[1].line, 23);
  });

  it('Latin-1 text is read as Windows-1252, with a note to check the accents', async () => {
    const file = await readReferenceFile(Buffer.from('TY  - JOUR\nTI  - Caf\xe9 conversations\nER  - \n', 'latin1'));
    assert.equal(file.records[0].title, 'Café conversations');
    assert.match(file.encodingNote ?? '', /Windows-1252/);
  });
});
