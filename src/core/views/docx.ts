/**
 * Pieces every Word document Bridgework writes shares: plain tables, paragraphs
 * from text, a page-numbered footer, charts as pictures. Only the Word
 * builders import this, and routes load those on demand.
 */
import { AlignmentType, Footer, ImageRun, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { renderAsync } from '@resvg/resvg-js';

const cell = (text: string, width: number, bold = false) =>
  new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

/** The text width of an A4 page with 2.54 cm margins, in twentieths of a point. */
const PAGE_TEXT_WIDTH = 9026;

/**
 * A full-width table with a repeating header row. The first column (the names:
 * workstreams, indicators, questions) gets the room it needs, so Word never
 * breaks a word across lines; give `widths` (percentages) to share otherwise.
 */
export function docxTable(header: string[], rows: string[][], widths?: number[]): Table {
  const first = header.length > 2 ? 34 : 50;
  const shares = widths ?? header.map((_, index) => (index === 0 ? first : (100 - first) / (header.length - 1)));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: shares.map((share) => Math.round((share / 100) * PAGE_TEXT_WIDTH)),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, index) => cell(h, shares[index], true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((value, index) => cell(value, shares[index])) })),
    ],
  });
}

/** One paragraph per line of text, blank lines dropped. */
export const docxParagraphs = (text: string): Paragraph[] =>
  text
    .split(/\n+/)
    .filter(Boolean)
    .map((line) => new Paragraph({ text: line, spacing: { after: 120 } }));

export const pageNumberFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });

/** A chart as PNG for a Word document, at twice its size for crisp printing. */
/**
 * Rendered off the main thread (resvg's thread pool), so charts render side by side and the server
 * keeps answering other requests meanwhile: most of a report's time is its charts.
 */
async function svgToPng(svg: string): Promise<{ data: Buffer; width: number; height: number }> {
  const image = await renderAsync(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return { data: image.asPng(), width: image.width / 2, height: image.height / 2 };
}

/** An SVG chart as a picture in its own paragraph, at most `maxWidth` wide, described for screen readers. */
export async function docxChart(svg: string, title: string, description = title, maxWidth = 600): Promise<Paragraph> {
  const png = await svgToPng(svg);
  const width = Math.min(maxWidth, png.width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'png',
        data: png.data,
        transformation: { width, height: Math.round((png.height * width) / png.width) },
        altText: { title, description, name: title },
      }),
    ],
    spacing: { before: 120, after: 120 },
  });
}
