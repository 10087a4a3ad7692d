import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../../core/paths.ts';
import { checkRecord } from '../import/check-record.ts';
import { readReferenceFile, type ReferenceFormat } from './read-file.ts';
import type { CitationRecord } from './record.ts';

/** Text compared as a reader sees it: runs of spaces (and non-breaking spaces) as one. */
const squash = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const fixture = (name: string) => readFileSync(fromRoot('test/fixtures/citations', name));

async function readFixture(name: string, format: ReferenceFormat): Promise<CitationRecord[]> {
  const file = await readReferenceFile(fixture(name));
  assert.equal(file.format, format, `${name} is recognised as ${format} by its content`);
  for (const record of file.records) {
    assert.equal(record.problem, undefined, `${name} record ${record.record}: ${record.problem}`);
    assert.equal(checkRecord(record).status, 'new', `${name} record ${record.record} would import`);
  }
  return file.records;
}

/** Each RIS record as its tag lines, read plainly from the file (an untagged line belongs to the tag above it). */
function risBlocks(text: string): Array<Map<string, string[]>> {
  const blocks: Array<Map<string, string[]>> = [];
  let block: Map<string, string[]> | undefined;
  let tag = '';
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const match = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (match?.[1] === 'TY') blocks.push((block = new Map<string, string[]>()));
    if (match) {
      tag = match[1];
      block?.set(tag, [...(block.get(tag) ?? []), match[2].trim()]);
    } else if (block && line.trim() && tag) block.set(tag, [...(block.get(tag) ?? []), line.trim()]);
  }
  return blocks;
}

function checkRisFixture(records: CitationRecord[], text: string, keywordsOnOwnLines: boolean) {
  const blocks = risBlocks(text);
  assert.equal(records.length, blocks.length);
  records.forEach((record, i) => {
    const block = blocks[i];
    const first = (tag: string) => block.get(tag)?.[0] ?? '';
    const where = `record ${i + 1} (${first('TI').slice(0, 40)})`;
    assert.equal(record.title, squash(first('TI')), where);
    assert.equal(record.year, /\d{4}/.exec(first('PY'))?.[0] ?? '', `${where}: PY is the year, whatever DA says`);
    assert.equal(record.doi, first('DO'), where);
    assert.equal(record.publisher, first('T2'), where);
    assert.equal(record.volume, first('VL'), where);
    const authors = block.get('AU') ?? [];
    assert.equal(record.authors.length, authors.length, where);
    if (authors.length)
      assert.equal(
        record.authors[0],
        authors[0]
          .split(',')
          .map((part) => part.trim())
          .join(', '),
        where,
      );
    assert.ok(squash(record.abstract) === squash((block.get('AB') ?? []).join(' ')), `${where}: abstract`);
    const keywords = block.get('KW') ?? [];
    if (keywordsOnOwnLines) assert.equal(record.keywords.length, new Set(keywords).size, where);
    assert.equal(record.url, (block.get('UR') ?? [])[0] ?? '', where);
  });
}

describe('real reference files read record by record with every field', () => {
  it('reads EndNote RIS: the year from PY though DA says only "Dec", keyword and address continuation lines, the PubMed number', async () => {
    const records = await readFixture('endnote.ris', 'ris');
    assert.equal(records.length, 102);
    checkRisFixture(records, fixture('endnote.ris').toString('utf8'), true);
    const first = records[0];
    assert.equal(first.pmid, '29657938', 'AN is the PubMed number when the record came from NLM');
    assert.equal(first.identifiers.pmcid, 'PMC5887696');
    assert.equal(first.identifiers.issn, '2277-9175');
    assert.deepEqual(first.keywords, ['Acne', 'Antirrhinum majus', 'Propionibacterium acnes', 'blue light']);
    assert.equal(records[1].year, '2004');
    assert.equal(records.filter((record) => record.year === '').length, 0);
  });

  it('reads Scopus RIS: long abstracts, every keyword, the Scopus address unencoded', async () => {
    const records = await readFixture('scopus-export.ris', 'ris');
    assert.equal(records.length, 92);
    checkRisFixture(records, fixture('scopus-export.ris').toString('utf8'), true);
    assert.match(records[0].url, /doi=10\.1016%2fj\.foreco/);
    assert.deepEqual(records[0].keywords.slice(0, 3), ['Bark beetle', 'California', 'Drought']);
  });

  it('reads PubMed MEDLINE: full author names, wrapped titles and abstracts, DOI from LID, PMID and PMCID', async () => {
    const text = fixture('pubmed.nbib').toString('utf8');
    const records = await readFixture('pubmed.nbib', 'medline');
    const blocks = text.split(/\r?\n\s*\r?\n/).filter((block) => /^PMID- /m.test(block));
    assert.equal(records.length, 80);
    assert.equal(blocks.length, 80);
    records.forEach((record, i) => {
      const block = blocks[i].replace(/\r?\n {6}/g, ' ');
      const values = (tag: string) => [...block.matchAll(new RegExp(`^${tag} *- (.*)$`, 'gm'))].map((match) => match[1].trim());
      const where = `record ${i + 1}`;
      assert.equal(record.pmid, values('PMID')[0], where);
      assert.equal(record.title, squash(values('TI')[0]), where);
      assert.equal(record.year, /\d{4}/.exec(values('DP')[0])?.[0], where);
      const fullNames = values('FAU');
      assert.deepEqual(record.authors.slice(0, fullNames.length), fullNames.length ? fullNames : record.authors.slice(0, 0), where);
      const doi = [...values('LID'), ...values('AID')].find((id) => id.endsWith('[doi]'))?.replace(' [doi]', '') ?? '';
      assert.equal(record.doi, doi, where);
      assert.ok(squash(record.abstract) === squash(values('AB')[0]), `${where}: abstract`);
      assert.equal(record.publisher, values('JT')[0], where);
    });
    assert.equal(records[0].identifiers.pmcid, 'PMC5887696');
    assert.equal(records[0].authors[0], 'Shahtalebi, Mohammad Ali');
  });

  it('reads JabRef BibTeX: LaTeX accents and commands as text, and no entry refused for one odd name', async () => {
    const records = await readFixture('jabref-5.1.bib', 'bibtex');
    assert.equal(records.length, 20, 'twenty entries; the three @Comment blocks are JabRef’s settings');
    const byKey = (start: string) => records.find((record) => record.title.startsWith(start))!;
    assert.deepEqual(byKey('Fleece').authors, ['Bogadóttir, Ragnheiður']);
    assert.equal(byKey('Fleece').title, 'Fleece: Imperial metabolism in the preColumbian Andes', 'the soft hyphen (\\-) is invisible');
    assert.equal(byKey('Fleece').pages, '83-96');
    assert.equal(byKey('Fleece').type, 'chapter');
    assert.equal(byKey('Grass').authors[2], 'Bångens, Lennart');
    assert.equal(byKey('Jatropha').title, 'Jatropha: A magic bullet filled with oil', '\\textit{} is italics, not text');
    assert.equal(byKey('Ivory').authors[0], 'Håkansson, N. Thomas');
    assert.equal(byKey('Safflower').authors[0], 'Östberg, Wilhelm');
    assert.equal(byKey('Steam').title, 'Steam: Nineteenth-century mechanization and the power of capital');
    for (const record of records) {
      const text = [record.title, record.publisher, record.abstract, ...record.authors, ...record.keywords].join(' ');
      assert.doesNotMatch(text, /[\\{}]|<\/?i>/, `record ${record.record} has no LaTeX or markup left`);
      assert.match(record.year, /^\d{4}$/);
    }
    assert.equal(byKey('Who will build the ark').publisher, 'New Left Review');
    assert.equal(byKey('Who will build the ark').keywords.length, 7);
  });

  it('reads Scopus BibTeX despite field names with spaces, with DOIs and the Scopus address as written', async () => {
    const records = await readFixture('scopus-export.bib', 'bibtex');
    assert.equal(records.length, 3);
    assert.deepEqual(
      records.map((record) => record.doi),
      ['10.1080/20964129.2020.1722034', '10.1080/20964129.2020.1749010', '10.1007/s11220-019-0265-8'],
    );
    assert.equal(records[0].authors.length, 10);
    assert.equal(records[0].publisher, 'Ecosystem Health and Sustainability');
    assert.match(records[0].url, /doi=10\.1080%2f20964129/, 'a %2f stays %2f');
    assert.ok(records.every((record) => record.abstract.length > 200));
    assert.deepEqual(records[0].keywords, ['Environmental factors', 'Lake Taihu', 'lakeshore wetland', 'reed', 'soil fauna', 'wetland restoration']);
    assert.ok(['Textures', 'Computer technology', 'Criminisi algorithm', 'Virtual restoration'].every((keyword) => records[2].keywords.includes(keyword)));
    assert.equal(records[2].keywords.length, 18, '15 index and 4 author keywords, one in both');
  });
});
