// pdf.js and mammoth are loaded when the first attachment arrives, not at start-up: together they hold about 45 MB.
import { ArchiveRefused, checkArchive } from '../../../core/archives.ts';

/** Text kept per attachment for search: enough for a long report, not so much that one file swamps the index. */
export const MAX_EXTRACTED_CHARS = 200_000;

export type AttachmentFormat = 'pdf' | 'docx';

export interface ExtractedText {
  format: AttachmentFormat;
  mimetype: string;
  text: string;
  note: string;
}

/** A file we will not keep, with the reason in words the uploader can act on. */
export class AttachmentError extends Error {}

const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function extension(filename: string): string {
  return filename.toLowerCase().split('.').pop() ?? '';
}

/** Decide what the file really is from its first bytes, not from its name or the browser's guess. */
export function attachmentFormat(filename: string, data: Buffer): AttachmentFormat {
  const ext = extension(filename);
  if (data.length === 0) throw new AttachmentError('The file is empty. Choose the PDF or Word document again.');
  const head = data.subarray(0, 1024);
  if (head.includes(PDF_MAGIC)) return 'pdf';
  if (data.subarray(0, 4).equals(ZIP_MAGIC) && (ext === 'docx' || data.includes(Buffer.from('word/document.xml')))) return 'docx';
  if (data.subarray(0, 4).equals(OLE_MAGIC) || ext === 'doc') {
    throw new AttachmentError('This is an older Word document (.doc). Save it as .docx or PDF in Word, then attach that.');
  }
  if (ext === 'pdf') throw new AttachmentError('This file is not a PDF, though its name ends in .pdf. It may be damaged, or another kind of file renamed.');
  if (ext === 'docx')
    throw new AttachmentError('This file is not a Word document, though its name ends in .docx. It may be damaged, or another kind of file renamed.');
  throw new AttachmentError('Attach a PDF or a Word document (.docx). For anything else, add a link instead.');
}

async function pdfText(data: Buffer): Promise<{ text: string; note: string }> {
  const { getDocument, PasswordResponses } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document;
  try {
    document = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: true, verbosity: 0, stopAtErrors: false }).promise;
  } catch (error) {
    const name = (error as { name?: string; code?: number }).name;
    if (name === 'PasswordException' || (error as { code?: number }).code === PasswordResponses.NEED_PASSWORD) {
      throw new AttachmentError('This PDF is protected by a password. Remove the password (or save an unprotected copy) and attach it again.');
    }
    throw new AttachmentError('This PDF could not be read. It may be damaged; try saving it again from the program that made it.');
  }
  try {
    const parts: string[] = [];
    let length = 0;
    for (let number = 1; number <= document.numPages && length < MAX_EXTRACTED_CHARS; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pageText = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
      parts.push(pageText);
      length += pageText.length;
      page.cleanup();
    }
    const text = parts
      .join('\n')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    const pages = `${document.numPages} page${document.numPages === 1 ? '' : 's'}`;
    if (!text) return { text: '', note: `No text could be found in this PDF (${pages}); it may be a scan. Its contents are not searchable.` };
    return { text, note: `Text of ${pages} read for search.` };
  } finally {
    await document.destroy();
  }
}

async function docxText(data: Buffer): Promise<{ text: string; note: string }> {
  const { default: mammoth } = await import('mammoth');
  try {
    // Bounded before opening: Word files are ZIP archives, and one can be made to expand to gigabytes.
    await checkArchive(data);
    const result = await mammoth.extractRawText({ buffer: data });
    const text = result.value.replace(/\n{3,}/g, '\n\n').trim();
    if (!text) return { text: '', note: 'This Word document has no text to search.' };
    return { text, note: 'Text read for search.' };
  } catch (error) {
    if (error instanceof ArchiveRefused && !error.unreadable) throw new AttachmentError(`This Word document was not opened. ${error.message}`);
    throw new AttachmentError('This Word document could not be read. It may be damaged; open it in Word and save it again.');
  }
}

export async function extractText(filename: string, data: Buffer): Promise<ExtractedText> {
  const format = attachmentFormat(filename, data);
  const { text, note } = format === 'pdf' ? await pdfText(data) : await docxText(data);
  return {
    format,
    mimetype: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // Lone surrogates and NULs cannot be stored in PostgreSQL text.
    text: text
      .slice(0, MAX_EXTRACTED_CHARS)
      .replaceAll('\u0000', '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
    note,
  };
}
