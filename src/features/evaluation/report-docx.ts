/**
 * The evaluation report as a Word document. Routes load this module when a
 * report is downloaded, so the docx library is not held in memory otherwise.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TextRun } from 'docx';
import { docxChart, docxParagraphs, docxTable, pageNumberFooter } from '../../core/views/docx.ts';
import { MIN_CELL } from './analysis.ts';
import { impactLevelLabels } from './impact-queries.ts';
import { waveLabels } from './survey-queries.ts';
import { changeStatistics, describeChange, formatP, formatR, sectionTitles, sizeInWords, type ReportModel } from './report.ts';
import { formatDate, formatScore } from '../../core/views/format.ts';

export async function reportDocx(model: ReportModel, workspaceName: string): Promise<Buffer> {
  // Every chart renders at once, side by side, before the document is put together.
  const [outcomeCharts, networkChart] = await Promise.all([
    Promise.all(model.charts.map((chart) => docxChart(chart.svg, chart.title))),
    model.relationships ? docxChart(model.relationships.svg, `The network ${model.relationships.afterLabel.toLowerCase()}`) : undefined,
  ]);
  const { programme, analysis } = model;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: `${programme.name}: evaluation report`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun({
          text: `${workspaceName} · ${formatDate(programme.startsOn)} to ${formatDate(programme.endsOn)} · generated ${formatDate(model.generatedAt)}`,
          color: '505A5F',
        }),
      ],
      spacing: { after: 240 },
    }),
    new Paragraph({ text: sectionTitles.summary, heading: HeadingLevel.HEADING_1 }),
    ...docxParagraphs(model.sections.summary),
    new Paragraph({ text: 'Participation', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: `${model.participation.participants} participants; ${model.participation.held} of ${model.participation.sessions} sessions held${model.participation.averageAttendance !== null ? `, average attendance ${Math.round(model.participation.averageAttendance * 100)}%` : ''}.`,
      spacing: { after: 120 },
    }),
    docxTable(
      ['Survey', 'Invited', 'Answered', 'Response rate'],
      analysis.waves.map((wave) => [
        `${waveLabels[wave.wave]}: ${wave.title}`,
        String(wave.invited),
        String(wave.submitted),
        wave.responseRate === null ? '–' : `${Math.round(wave.responseRate * 100)}%`,
      ]),
    ),
    new Paragraph({ text: 'Outcomes', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: analysis.note, spacing: { after: 120 } }),
  ];
  children.push(...outcomeCharts);
  for (const domain of analysis.domains) {
    children.push(new Paragraph({ text: domain.name, heading: HeadingLevel.HEADING_2 }));
    if (domain.paired) {
      children.push(new Paragraph({ text: `Domain score: ${describeChange(domain.paired)}`, spacing: { after: 60 } }));
      const statistics = changeStatistics(domain.paired);
      if (statistics) children.push(new Paragraph({ children: [new TextRun({ text: statistics, italics: true, size: 18 })], spacing: { after: 120 } }));
    }
    children.push(
      docxTable(
        ['Question', 'Baseline median', 'Final median', 'Paired change'],
        domain.items.map((item) => [
          item.text,
          item.waves.baseline ? (item.waves.baseline.suppressed ? 'Not shown' : String(item.waves.baseline.median)) : '–',
          item.waves.final ? (item.waves.final.suppressed ? 'Not shown' : String(item.waves.final.median)) : '–',
          item.paired
            ? item.paired.suppressed
              ? 'Fewer than 5 pairs'
              : `${formatScore(item.paired.before)} → ${formatScore(item.paired.after)}${item.paired.test ? `, ${sizeInWords(item.paired.effect ?? 0)} change (${formatP(item.paired.test.pValue)}, r = ${formatR(item.paired.effect ?? 0)})` : ''}`
            : '–',
        ]),
      ),
    );
  }
  if (analysis.practiceChange) {
    children.push(new Paragraph({ text: 'Working differently', heading: HeadingLevel.HEADING_2 }));
    children.push(
      new Paragraph({
        text: analysis.practiceChange.suppressed
          ? `Fewer than ${MIN_CELL} people answered “${analysis.practiceChange.question}”: not shown.`
          : `${analysis.practiceChange.agree} of ${analysis.practiceChange.n} (${Math.round((analysis.practiceChange.share ?? 0) * 100)}%) agreed: “${analysis.practiceChange.question}”`,
      }),
    );
  }
  if (model.quotes.length) {
    children.push(new Paragraph({ text: 'In participants’ words', heading: HeadingLevel.HEADING_1 }));
    for (const quote of model.quotes) {
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `“${quote.text}”`, italics: true }), new TextRun({ text: quote.domain ? ` (${quote.domain})` : '', color: '505A5F' })],
          indent: { left: 400 },
          spacing: { after: 120 },
        }),
      );
    }
  }
  if (model.relationships) {
    children.push(new Paragraph({ text: 'Relationships', heading: HeadingLevel.HEADING_1 }));
    children.push(new Paragraph({ text: model.relationships.sentence, spacing: { after: 120 } }));
    if (networkChart) children.push(networkChart);
    children.push(docxTable(['Measure', model.relationships.beforeLabel, model.relationships.afterLabel], model.relationships.rows));
  }
  children.push(new Paragraph({ text: 'Evidence in use', heading: HeadingLevel.HEADING_1 }));
  children.push(
    new Paragraph({ text: `${model.impactCounts.total} examples recorded, ${model.impactCounts.verified} verified by the team.`, spacing: { after: 120 } }),
  );
  children.push(
    docxTable(
      ['Level', 'Examples', 'Verified'],
      model.impactCounts.byLevel.map((row) => [impactLevelLabels[row.level], String(row.n), String(row.verified)]),
    ),
  );
  for (const example of model.impacts.filter((i) => i.verifiedAt)) {
    children.push(new Paragraph({ children: [new TextRun({ text: example.whatChanged, bold: true })], spacing: { before: 160 } }));
    children.push(
      new Paragraph({ text: `${example.policyOrDecision} · ${formatDate(example.occurredOn)} · ${impactLevelLabels[example.level].split(':')[0]}` }),
    );
    if (example.description) children.push(new Paragraph({ text: example.description }));
    if (example.evidence.length) children.push(new Paragraph({ text: `Evidence: ${example.evidence.map((e) => e.title).join('; ')}` }));
  }
  for (const key of ['lessons', 'method', 'limitations'] as const) {
    children.push(new Paragraph({ text: sectionTitles[key], heading: HeadingLevel.HEADING_1 }));
    children.push(...(model.sections[key] ? docxParagraphs(model.sections[key]) : [new Paragraph({ text: 'Not written yet.' })]));
  }
  const document = new Document({
    creator: 'Bridgework',
    title: `${programme.name}: evaluation report`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
