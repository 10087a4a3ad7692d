import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { docxParagraphs, docxTable, pageNumberFooter } from '../../core/views/docx.ts';
import { formatDate } from '../../core/views/format.ts';
import { cohortRoleLabels } from '../../core/views/labels.ts';
import type { HandoverPack } from './pack.ts';

/** The handover pack as a Word document, in the order the page shows it. */
export function handoverDocx(pack: HandoverPack, meta: { from: string; to: string | null; note: string; workspace: string; createdAt: Date }): Promise<Buffer> {
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
  const none = (text: string) => new Paragraph({ children: [new TextRun({ text, italics: true })] });
  const children: Array<Paragraph | ReturnType<typeof docxTable>> = [
    new Paragraph({ text: `Handover: ${meta.from}`, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `${meta.workspace} · prepared ${formatDate(meta.createdAt)}${meta.to ? ` · handed to ${meta.to}` : ''}` }),
    ...docxParagraphs(meta.note),
    heading('Programmes and sites'),
    pack.programmes.length
      ? docxTable(
          ['Programme', 'Role'],
          pack.programmes.map((p) => [p.name, cohortRoleLabels[p.role] ?? p.role]),
        )
      : none('No programmes.'),
    pack.sites.length
      ? docxTable(
          ['Site', 'Programme', 'Role'],
          pack.sites.map((s) => [s.site, s.programme, s.role === 'lead' ? 'Lead' : 'Contact']),
        )
      : none('No sites.'),
    heading('Open requests and actions'),
    ...(pack.requests.length || pack.actions.length
      ? [
          ...pack.requests.map((r) => new Paragraph({ text: `Request: ${r.subject} (${r.mine ? `from ${r.asked}` : 'raised by them'}, ${r.status})` })),
          ...pack.actions.map((a) => new Paragraph({ text: `Action: ${a.text}${a.dueOn ? `, due ${formatDate(a.dueOn)}` : ''}` })),
        ]
      : [none('Nothing open.')]),
    heading('Key contacts'),
    pack.contacts.length
      ? docxTable(
          ['Person', 'Organisation', 'Last together'],
          pack.contacts.map((c) => [c.fullName, c.organisation ?? '', formatDate(c.last)]),
        )
      : none('No relationships recorded.'),
    heading('Recent returns and decisions'),
    ...pack.returns.map((r) => new Paragraph({ text: `${r.site}, ${r.round}: ${r.status}${r.submittedAt ? `, submitted ${formatDate(r.submittedAt)}` : ''}` })),
    ...pack.decisions.map((d) => new Paragraph({ text: `${d.programme}, ${formatDate(d.madeOn)}: ${d.weDid}` })),
    heading('Lessons and guides for this work'),
    ...pack.lessons.map((l) => new Paragraph({ text: `${l.title}: ${l.recommendation}` })),
    ...pack.guides.map((g) => new Paragraph({ text: `Guide: ${g.title}` })),
  ];
  const document = new Document({ creator: 'Bridgework', title: `Handover: ${meta.from}`, sections: [{ footers: { default: pageNumberFooter() }, children }] });
  return Packer.toBuffer(document);
}
