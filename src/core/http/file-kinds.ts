import { fileTypeFromBuffer } from 'file-type';

/** A kind of file people may share: what it is called, the names it goes by, and what its bytes must turn out to be. */
interface FileKind {
  /** "a PDF", said in errors and beside the link. */
  label: string;
  mimetype: string;
  extensions: string[];
  /** What content sniffing must report; none for plain text, which has no signature. */
  sniffed: string[];
}

const CFB = 'application/x-cfb'; // Office 97–2003 files all share this container.

const kinds: FileKind[] = [
  { label: 'PDF', mimetype: 'application/pdf', extensions: ['pdf'], sniffed: ['application/pdf'] },
  {
    label: 'Word document',
    mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    sniffed: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  },
  { label: 'Word document', mimetype: 'application/msword', extensions: ['doc'], sniffed: [CFB] },
  {
    label: 'Excel workbook',
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    sniffed: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  { label: 'Excel workbook', mimetype: 'application/vnd.ms-excel', extensions: ['xls'], sniffed: [CFB] },
  {
    label: 'PowerPoint presentation',
    mimetype: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    sniffed: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  },
  { label: 'PowerPoint presentation', mimetype: 'application/vnd.ms-powerpoint', extensions: ['ppt'], sniffed: [CFB] },
  {
    label: 'OpenDocument text',
    mimetype: 'application/vnd.oasis.opendocument.text',
    extensions: ['odt'],
    sniffed: ['application/vnd.oasis.opendocument.text'],
  },
  {
    label: 'OpenDocument spreadsheet',
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
    sniffed: ['application/vnd.oasis.opendocument.spreadsheet'],
  },
  {
    label: 'OpenDocument presentation',
    mimetype: 'application/vnd.oasis.opendocument.presentation',
    extensions: ['odp'],
    sniffed: ['application/vnd.oasis.opendocument.presentation'],
  },
  { label: 'PNG image', mimetype: 'image/png', extensions: ['png'], sniffed: ['image/png'] },
  { label: 'JPEG image', mimetype: 'image/jpeg', extensions: ['jpg', 'jpeg'], sniffed: ['image/jpeg'] },
  { label: 'GIF image', mimetype: 'image/gif', extensions: ['gif'], sniffed: ['image/gif'] },
  { label: 'WebP image', mimetype: 'image/webp', extensions: ['webp'], sniffed: ['image/webp'] },
  { label: 'CSV file', mimetype: 'text/csv', extensions: ['csv'], sniffed: [] },
  { label: 'text file', mimetype: 'text/plain', extensions: ['txt', 'md'], sniffed: [] },
];

export const SHAREABLE_FILES = 'a PDF; a Word, Excel, PowerPoint or OpenDocument file; a PNG, JPEG, GIF or WebP image; or a CSV or text file';

export class FileKindError extends Error {}

const article = (label: string) => (/^[aeiouAEIOU]/.test(label) ? `an ${label}` : `a ${label}`);

/** Plain text has no signature: it is taken as text when it holds no NUL byte, which every binary format does early on. */
const looksLikeText = (data: Buffer) => !data.subarray(0, 64 * 1024).includes(0);

/**
 * What a shared file really is. The name says what it claims to be; its bytes
 * must agree, so a program renamed "minutes.pdf" or a web page renamed
 * "data.csv" is refused rather than handed to the next person who opens it.
 * Script-capable formats (HTML, SVG) are not on the list at all.
 */
export async function identifyFile(filename: string, data: Buffer): Promise<{ mimetype: string; label: string }> {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1].toLowerCase() ?? '';
  const kind = kinds.find((k) => k.extensions.includes(extension));
  if (!kind)
    throw new FileKindError(
      extension
        ? `Files ending “.${extension}” cannot be shared here. Attach ${SHAREABLE_FILES}.`
        : `The file’s name has no ending such as .pdf or .docx. Attach ${SHAREABLE_FILES}.`,
    );
  if (data.length === 0) throw new FileKindError(`“${filename}” is empty. Choose the file again.`);
  const detected = await fileTypeFromBuffer(data);
  const fits = kind.sniffed.length ? detected !== undefined && kind.sniffed.includes(detected.mime) : detected === undefined && looksLikeText(data);
  if (!fits) {
    const actual = detected ? kinds.find((k) => k.sniffed.includes(detected.mime) && k.sniffed[0] !== CFB) : undefined;
    const holds = actual ? article(actual.label) : detected ? `a .${detected.ext} file` : 'something else';
    throw new FileKindError(`“${filename}” is named as ${article(kind.label)} but holds ${holds}. Check you chose the right file.`);
  }
  return { mimetype: kind.mimetype, label: kind.label };
}

/** What a stored file is, said beside its link: "PDF", "Word document". */
export function fileKindLabel(mimetype: string): string {
  const label = kinds.find((k) => k.mimetype === mimetype)?.label ?? 'file';
  return label[0].toUpperCase() + label.slice(1);
}
