import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { docxParagraphs, pageNumberFooter } from '../../core/views/docx.ts';
import { formatDate } from '../../core/views/format.ts';
import type { GuideContent } from './tables.ts';

/** Markdown guidance as Word paragraphs: headings and list marks become plain text, emphasis is dropped. */
const plain = (markdown: string) =>
  markdown
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/[*_`]+/g, '')
    .replace(/^#+\s*/gm, '');

/** A guide as a Word document: its version and date, then each section's steps with their guidance and checklists. */
export function guideDocx(
  content: GuideContent,
  meta: { version: number; savedAt: Date; workspace: string },
  titles: Map<string, { title: string }>,
): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: content.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `${meta.workspace} · version ${meta.version} · ${formatDate(meta.savedAt)}`, italics: true })] }),
    ...docxParagraphs(plain(content.summary)),
  ];
  content.sections.forEach((section, s) => {
    children.push(new Paragraph({ text: `${s + 1}. ${section.title}`, heading: HeadingLevel.HEADING_1 }));
    section.steps.forEach((step, i) => {
      children.push(new Paragraph({ text: `${s + 1}.${i + 1} ${step.title}`, heading: HeadingLevel.HEADING_2 }));
      children.push(...docxParagraphs(plain(step.guidance)));
      for (const item of step.checklist) children.push(new Paragraph({ text: `☐ ${item}`, indent: { left: 360 } }));
      const links = [...step.lessonIds, ...step.evidenceIds].map((id) => titles.get(id)?.title).filter((t): t is string => !!t);
      if (links.length) children.push(new Paragraph({ children: [new TextRun({ text: `See also: ${links.join('; ')}`, italics: true })] }));
    });
  });
  const document = new Document({
    creator: 'Bridgework',
    title: content.title,
    sections: [{ footers: { default: pageNumberFooter() }, children }],
  });
  return Packer.toBuffer(document);
}
