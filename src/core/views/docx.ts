/** Pieces every Word document Bridgework writes shares: plain tables, paragraphs from text, a page-numbered footer. */
import { AlignmentType, Footer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

/** A full-width table with a repeating header row. */
export function docxTable(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((row) => new TableRow({ children: row.map((value) => cell(value)) }))],
  });
}

/** One paragraph per line of text, blank lines dropped. */
export const docxParagraphs = (text: string): Paragraph[] => text.split(/\n+/).filter(Boolean).map((line) => new Paragraph({ text: line, spacing: { after: 120 } }));

export const pageNumberFooter = () =>
  new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })] })] });
