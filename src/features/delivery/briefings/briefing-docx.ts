/**
 * The checkpoint briefing as a Word document. Routes load this module when a
 * briefing is downloaded, so the docx library is not held in memory otherwise.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun, type Table } from 'docx';
import { docxChart, docxParagraphs, docxTable, pageNumberFooter } from '../../../core/views/docx.ts';
import type { Programme } from '../../programmes/queries.ts';
import { formatDate, formatNumber, formatPercent } from '../../../core/views/format.ts';
import { briefingFieldTitles, type Briefing, type BriefingFacts, type BriefingTextField } from './facts.ts';
import { horizontalBars } from '../charts.ts';
import type { Round } from '../rounds/queries.ts';
import type { responsesOf } from '../themes/queries.ts';

/** The briefing as a Word document: the edited words, with the live tables and a chart of themes. */
export async function briefingDocx(
  programme: Programme,
  round: Round,
  briefing: Briefing,
  facts: BriefingFacts,
  responses: Awaited<ReturnType<typeof responsesOf>>,
  workspaceName: string,
): Promise<Buffer> {
  const d = facts.dashboard;
  if (d.empty) throw new Error('A briefing needs a round');
  const section = (field: BriefingTextField) => [
    new Paragraph({ text: briefingFieldTitles[field], heading: HeadingLevel.HEADING_1 }),
    ...docxParagraphs(briefing[field] || 'Nothing to report.'),
  ];
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: `${programme.name}: checkpoint briefing`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun({
          text: `Round ${round.number}: ${round.title} · ${workspaceName} · ${briefing.status === 'shared' ? `shared ${formatDate(briefing.sharedAt)}` : 'DRAFT, not yet shared'}`,
          color: '505A5F',
        }),
      ],
      spacing: { after: 240 },
    }),
    ...section('headline'),
    ...section('progress'),
    docxTable(
      ['Workstream', 'Green', 'Amber', 'Red', 'Not reported', 'Worse', 'Better'],
      d.ragSummary.map((s) => [s.workstream.name, String(s.green), String(s.amber), String(s.red), String(s.notReported), String(s.worse), String(s.better)]),
    ),
    new Paragraph({ text: 'Indicators', heading: HeadingLevel.HEADING_1 }),
    docxTable(
      ['Indicator', 'This round', 'Target', 'Against target', 'Sites reporting'],
      d.indicators.map((i) => [
        `${i.indicator.name} (${i.indicator.unit}${i.isAverage ? ', average' : ''})`,
        i.value === null ? '–' : formatNumber(i.value),
        i.target === null ? '–' : formatNumber(i.target),
        i.targetNote || '–',
        String(i.sites),
      ]),
    ),
    new Paragraph({
      text: `Returns: ${d.completeness.submitted} of ${d.total} submitted (${formatPercent(d.completeness.submitted, d.total)}).`,
      spacing: { before: 120, after: 120 },
    }),
    ...section('themes'),
  ];
  if (facts.themes.length) {
    const chart = horizontalBars(
      facts.themes.map((t) => ({ label: t.name, value: t.n })),
      `Answers by theme, ${round.title}`,
    );
    children.push(await docxChart(chart, 'Top themes', facts.themes.map((t) => `${t.name}: ${t.n}`).join('; '), 560));
  }
  children.push(...section('risks'), ...section('goodPractice'));
  if (responses.length) {
    children.push(new Paragraph({ text: 'You said, we did', heading: HeadingLevel.HEADING_1 }));
    for (const response of responses)
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${response.theme}: `, bold: true }), new TextRun({ text: response.response })],
          spacing: { after: 120 },
        }),
      );
  }
  const document = new Document({
    creator: 'Bridgework',
    title: `${programme.name}: checkpoint briefing, round ${round.number}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ footers: { default: pageNumberFooter() }, children }],
  });
  return Packer.toBuffer(document);
}
