/**
 * The checkpoint return as an Excel workbook: written pre-filled for a site
 * and round, and read back with every problem reported by cell. Rows are
 * found by their reference (column B), so reordered rows still read right;
 * the header row and the reference cell catch moved columns and old files.
 */
import { ArchiveRefused, checkArchive } from '../../../core/archives.ts';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../core/views/workbook.ts';
import { ragLabels } from '../../../core/views/labels.ts';
import { formatDate } from '../../../core/views/format.ts';
import { isCalendarDate } from '../../../core/dates.ts';
import { completenessProblems, emptyContent, MAX_COMMENTARY, MAX_SECTION_TEXT, parseIndicatorNumber, negativeMessage } from './return-form.ts';
import { ragStatuses, type RagStatus, type ReturnContent, type TemplateDefinition } from '../tables.ts';

export const RETURN_SHEET = 'Return';
export const MAX_RETURN_FILE_BYTES = 5 * 1024 * 1024;
const REFERENCE_CELL = 'B8';
const VERSION_CELL = 'B7';
const HEADER_ROW = 10;
const HEADERS = ['Section', 'Reference', 'Item', 'Answer', 'Forecast date', 'Commentary or note', 'Guidance'];
const COLUMN = { section: 1, reference: 2, item: 3, answer: 4, forecast: 5, commentary: 6, guidance: 7 } as const;
const letter = (column: number) => String.fromCharCode(64 + column);

export interface WorkbookHeader {
  programme: string;
  site: string;
  round: { number: number; title: string; dueOn: string; id: string };
  siteId: string;
  template: { id: string; version: number };
}

/** The reference cell: which round, site and template version the file belongs to. */
export function returnReference(header: Pick<WorkbookHeader, 'round' | 'siteId' | 'template'>): string {
  return `BW1/${header.round.id}/${header.siteId}/${header.template.id}`;
}

export function parseReference(value: string): { roundId: string; siteId: string; templateId: string } | undefined {
  const match = /^BW1\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/i.exec(value.trim());
  return match ? { roundId: match[1].toLowerCase(), siteId: match[2].toLowerCase(), templateId: match[3].toLowerCase() } : undefined;
}

const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };
const ragFill: Record<RagStatus, string> = { green: 'FFCCE2D8', amber: 'FFFFF7BF', red: 'FFF4CDC6' };

/** A pre-filled workbook for one site and round, with the site's saved answers if any. */
export async function returnWorkbook(
  definition: TemplateDefinition,
  header: WorkbookHeader,
  content: ReturnContent = emptyContent(definition),
): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Bridgework';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(RETURN_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  sheet.columns = [{ width: 16 }, { width: 11 }, { width: 46 }, { width: 22 }, { width: 16 }, { width: 48 }, { width: 60 }];
  sheet.getCell('A1').value = `${header.programme}: checkpoint return`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value =
    'Fill in the white cells in column D (and E and F where they are white). Do not move columns or change the grey cells: they tell Bridgework what the file is.';
  sheet.getCell('A2').font = { italic: true };
  const meta: Array<[string, string | number]> = [
    ['Programme', header.programme],
    ['Site', header.site],
    ['Round', `${header.round.number}: ${header.round.title}`],
    ['Due', header.round.dueOn],
    ['Template version', header.template.version],
    ['Return reference', returnReference(header)],
  ];
  meta.forEach(([label, value], index) => {
    const row = 3 + index;
    sheet.getCell(`A${row}`).value = label;
    sheet.getCell(`A${row}`).font = { bold: true };
    sheet.getCell(`B${row}`).value = value;
    sheet.getCell(`B${row}`).fill = grey;
  });
  const headerRow = sheet.getRow(HEADER_ROW);
  headerRow.values = HEADERS;
  headerRow.font = { bold: true };
  headerRow.eachCell((cell) => {
    cell.fill = grey;
    cell.border = { bottom: { style: 'thin' } };
  });

  let rowNumber = HEADER_ROW;
  const addRow = (section: string, reference: string, item: string, guidance: string) => {
    const row = sheet.getRow(++rowNumber);
    row.getCell(COLUMN.section).value = section;
    row.getCell(COLUMN.reference).value = reference;
    row.getCell(COLUMN.item).value = item;
    row.getCell(COLUMN.guidance).value = guidance;
    for (const column of [COLUMN.section, COLUMN.reference, COLUMN.item, COLUMN.guidance, COLUMN.forecast, COLUMN.commentary]) row.getCell(column).fill = grey;
    row.getCell(COLUMN.item).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(COLUMN.guidance).alignment = { wrapText: true, vertical: 'top' };
    const answer = row.getCell(COLUMN.answer);
    answer.protection = { locked: false };
    answer.alignment = { vertical: 'top', wrapText: true };
    return row;
  };
  const open = (cell: ExcelJS.Cell) => {
    cell.fill = { type: 'pattern', pattern: 'none' };
    cell.protection = { locked: false };
    cell.alignment = { vertical: 'top', wrapText: true };
  };

  for (const w of definition.workstreams) {
    const row = addRow('Workstream', w.key, w.name, `${w.description} Answer Green, Amber or Red; explain amber and red in column F.`);
    const answer = content.workstreams[w.key];
    const cell = row.getCell(COLUMN.answer);
    cell.value = answer?.rag ? ragLabels[answer.rag] : null;
    cell.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"Green,Amber,Red"'],
      showErrorMessage: true,
      errorTitle: 'RAG status',
      error: 'Choose Green, Amber or Red',
    };
    if (answer?.rag) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ragFill[answer.rag] } };
    open(row.getCell(COLUMN.commentary));
    row.getCell(COLUMN.commentary).value = answer?.commentary || null;
  }
  for (const m of definition.milestones) {
    const row = addRow(
      'Milestone',
      m.key,
      `${m.name} (planned ${formatDate(m.plannedOn)})`,
      'Column D: the date it was met. If it is not met yet, leave D empty and give the date now expected in column E. Dates like 27/03/2026.',
    );
    const answer = content.milestones[m.key];
    const actual = row.getCell(COLUMN.answer);
    actual.value = answer?.actualOn ? new Date(`${answer.actualOn}T00:00:00Z`) : null;
    actual.numFmt = 'yyyy-mm-dd';
    const forecast = row.getCell(COLUMN.forecast);
    open(forecast);
    forecast.value = answer?.forecastOn ? new Date(`${answer.forecastOn}T00:00:00Z`) : null;
    forecast.numFmt = 'yyyy-mm-dd';
    open(row.getCell(COLUMN.commentary));
    row.getCell(COLUMN.commentary).value = answer?.note || null;
  }
  for (const i of definition.indicators) {
    const row = addRow(
      'Indicator',
      i.key,
      `${i.name} (${i.unit})`,
      `${i.definition}${i.target !== null ? ` Target per site: ${i.target}.` : ''} A number; 0 if there were none.`,
    );
    const cell = row.getCell(COLUMN.answer);
    cell.value = content.indicators[i.key] ?? null;
    cell.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [-1e11, 1e11],
      showErrorMessage: true,
      errorTitle: i.name,
      error: 'Enter a number',
    };
  }
  for (const s of definition.sections) {
    const row = addRow('Free text', s.key, s.name, s.prompt);
    row.getCell(COLUMN.answer).value = content.sections[s.key] || null;
    row.height = 90;
  }
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface WorkbookProblem {
  cell?: string;
  message: string;
}

export class WorkbookError extends Error {
  constructor(readonly problems: WorkbookProblem[]) {
    super(problems.map((p) => (p.cell ? `Cell ${p.cell}: ${p.message}` : p.message)).join('\n'));
  }
}

/** Open an uploaded file and find the return sheet and its reference, or say exactly why not. */
export async function openReturnWorkbook(
  data: Buffer,
  filename = 'the file',
): Promise<{ sheet: ExcelJS.Worksheet; reference: ReturnType<typeof parseReference> & object; version: string }> {
  const refuse = (message: string) => new WorkbookError([{ message }]);
  if (data.length > MAX_RETURN_FILE_BYTES) {
    const size = (data.length / 1024 / 1024).toFixed(1);
    throw refuse(`${filename} is ${size} MB. A checkpoint return is well under 1 MB: upload the template you downloaded, not another workbook.`);
  }
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw refuse(
      `${filename} is not an Excel workbook (.xlsx). If it is an older .xls file or a CSV, open it in Excel and save it as “Excel Workbook (.xlsx)”.`,
    );
  }
  const workbook = await newWorkbook();
  try {
    // Bounded before opening: Excel files are ZIP archives, and one can be made to expand to gigabytes.
    await checkArchive(data);
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    const tooBig = error instanceof ArchiveRefused && !error.unreadable;
    const damaged = `${filename} could not be read as an Excel workbook: it may be damaged or password protected. Save it again from Excel without a password.`;
    throw refuse(tooBig ? `${filename} was not opened. ${error.message}` : damaged);
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.name.trim().toLowerCase() === RETURN_SHEET.toLowerCase());
  if (!sheet) {
    throw new WorkbookError([
      {
        message: `The workbook has no sheet called “${RETURN_SHEET}” (it has ${workbook.worksheets.map((w) => `“${w.name}”`).join(', ') || 'no sheets'}). Download the template again and fill it in without renaming the sheet.`,
      },
    ]);
  }
  if (sheet.state !== 'visible') {
    throw new WorkbookError([
      { message: `The “${RETURN_SHEET}” sheet is hidden. Unhide it in Excel (right-click a sheet tab, Unhide), check the answers on it, and upload again.` },
    ]);
  }
  const referenceText = cellText(sheet.getCell(REFERENCE_CELL).value);
  const reference = parseReference(referenceText);
  if (!reference) {
    throw new WorkbookError([
      {
        cell: REFERENCE_CELL,
        message: `This is not a Bridgework checkpoint return: cell ${REFERENCE_CELL} should hold the return reference (starting BW1/). Download the template for your site and round and fill that in.`,
      },
    ]);
  }
  return { sheet, reference, version: cellText(sheet.getCell(VERSION_CELL).value) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return '';
}

type Cell = ExcelJS.Cell;
const isFormula = (value: ExcelJS.CellValue) => typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
const isErrorValue = (value: ExcelJS.CellValue) => typeof value === 'object' && value !== null && 'error' in value;

/**
 * Read every answer from the return sheet against the template it was made
 * from. Returns the content and every problem found, each naming its cell.
 */
export function readReturnSheet(
  sheet: ExcelJS.Worksheet,
  definition: TemplateDefinition,
  options: { submit: boolean },
): { content: ReturnContent; problems: WorkbookProblem[] } {
  const problems: WorkbookProblem[] = [];
  const content = emptyContent(definition);

  const headerProblems = HEADERS.map((expected, index): WorkbookProblem | undefined => {
    const address = `${letter(index + 1)}${HEADER_ROW}`;
    const found = cellText(sheet.getCell(address).value).trim();
    return found.toLowerCase() === expected.toLowerCase()
      ? undefined
      : {
          cell: address,
          message: `The heading should be “${expected}” but is ${found ? `“${found}”` : 'empty'}. Columns have been moved, inserted or renamed: put them back as in the template, or download it again.`,
        };
  }).filter((p): p is WorkbookProblem => p !== undefined);
  if (headerProblems.length) return { content, problems: headerProblems };

  for (const range of sheet.model.merges ?? []) {
    const rows = range.match(/\d+/g)?.map(Number) ?? [];
    if (rows.some((row) => row > HEADER_ROW) || (rows[0] ?? 0) > HEADER_ROW)
      problems.push({ cell: range, message: `Cells ${range} are merged. Unmerge them (Home, Merge & Center) so each answer has its own cell.` });
  }

  const rowsByKey = new Map<string, number>();
  const known = new Set([...definition.workstreams, ...definition.milestones, ...definition.indicators, ...definition.sections].map((item) => item.key));
  for (let rowNumber = HEADER_ROW + 1; rowNumber <= sheet.rowCount; rowNumber++) {
    const reference = cellText(sheet.getRow(rowNumber).getCell(COLUMN.reference).value).trim();
    if (!reference) continue;
    if (!known.has(reference)) {
      problems.push({ cell: `B${rowNumber}`, message: `“${reference.slice(0, 30)}” is not a reference in this template. Do not change column B.` });
      continue;
    }
    if (rowsByKey.has(reference)) {
      problems.push({
        cell: `B${rowNumber}`,
        message: `Reference ${reference} appears twice (rows ${rowsByKey.get(reference)} and ${rowNumber}). Delete the copy.`,
      });
      continue;
    }
    rowsByKey.set(reference, rowNumber);
  }
  const rowOf = (key: string, name: string) => {
    const row = rowsByKey.get(key);
    if (row === undefined)
      problems.push({ message: `The row for “${name}” (reference ${key}) is missing. Download the template again, or copy the row back from it.` });
    return row;
  };

  /** A cell's plain value, or a problem for formulas and errors. */
  const plain = (cell: Cell, label: string): ExcelJS.CellValue | undefined => {
    const value = cell.value;
    if (isFormula(value)) {
      problems.push({ cell: cell.address, message: `${label} is a formula. Type the value itself (copy the cell, then Paste Special, Values).` });
      return undefined;
    }
    if (isErrorValue(value)) {
      problems.push({ cell: cell.address, message: `${label} shows an Excel error (${value.error}). Type the value itself.` });
      return undefined;
    }
    return value;
  };
  const text = (cell: Cell, label: string, max: number): string => {
    const value = plain(cell, label);
    if (value === undefined) return '';
    const result = (value instanceof Date ? value.toISOString().slice(0, 10) : cellText(value)).replace(/\r\n/g, '\n').trim();
    if (result.length > max) {
      problems.push({ cell: cell.address, message: `${label} is ${result.length} characters; the most is ${max}.` });
      return result.slice(0, max);
    }
    return result;
  };
  const dateOf = (cell: Cell, label: string): string => {
    const value = plain(cell, label);
    if (value === undefined || value === null || value === '') return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'number' && value > 20000 && value < 80000) return new Date(Date.UTC(1899, 11, 30) + value * 86400000).toISOString().slice(0, 10);
    const raw = cellText(value).trim();
    if (isCalendarDate(raw)) return raw;
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
    if (uk) {
      const iso = `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
      if (isCalendarDate(iso)) return iso;
    }
    problems.push({ cell: cell.address, message: `${label}: “${raw.slice(0, 40)}” is not a date. Enter a date like 27/03/2026.` });
    return '';
  };

  for (const w of definition.workstreams) {
    const row = rowOf(w.key, w.name);
    if (row === undefined) continue;
    const ragCell = sheet.getCell(`D${row}`);
    const typed = text(ragCell, `The RAG status for ${w.name}`, 20);
    const raw = typed.toLowerCase();
    const rag = raw === 'g' ? 'green' : raw === 'a' ? 'amber' : raw === 'r' ? 'red' : raw;
    if (rag && !(ragStatuses as readonly string[]).includes(rag))
      problems.push({ cell: ragCell.address, message: `The RAG status for ${w.name} must be Green, Amber or Red, not “${typed}”.` });
    content.workstreams[w.key] = {
      rag: (ragStatuses as readonly string[]).includes(rag) ? (rag as RagStatus) : '',
      commentary: text(sheet.getCell(`F${row}`), `The commentary on ${w.name}`, MAX_COMMENTARY),
    };
  }
  for (const m of definition.milestones) {
    const row = rowOf(m.key, m.name);
    if (row === undefined) continue;
    content.milestones[m.key] = {
      actualOn: dateOf(sheet.getCell(`D${row}`), `The date “${m.name}” was met`),
      forecastOn: dateOf(sheet.getCell(`E${row}`), `The forecast date for “${m.name}”`),
      note: text(sheet.getCell(`F${row}`), `The note on ${m.name}`, MAX_COMMENTARY),
    };
  }
  for (const i of definition.indicators) {
    const row = rowOf(i.key, i.name);
    if (row === undefined) continue;
    const cell = sheet.getCell(`D${row}`);
    const value = plain(cell, i.name);
    if (value === undefined || value === null || value === '') {
      content.indicators[i.key] = null;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) >= 1e12) problems.push({ cell: cell.address, message: `${i.name}: ${value} is out of range.` });
      else if (value < 0) problems.push({ cell: cell.address, message: negativeMessage(i.name, String(value)) });
      else content.indicators[i.key] = value;
    } else {
      const raw = cellText(value);
      const parsed = parseIndicatorNumber(raw);
      if (parsed === undefined) problems.push({ cell: cell.address, message: `${i.name} must be a number, but the cell holds “${raw.slice(0, 40)}”.` });
      else if (parsed !== null && parsed < 0) problems.push({ cell: cell.address, message: negativeMessage(i.name, raw) });
      else content.indicators[i.key] = parsed;
    }
  }
  for (const s of definition.sections) {
    const row = rowOf(s.key, s.name);
    if (row === undefined) continue;
    content.sections[s.key] = text(sheet.getCell(`D${row}`), s.name, MAX_SECTION_TEXT);
  }

  if (options.submit && problems.length === 0) {
    const cellOfField = (field: string) => {
      const [key, part] = field.split('-');
      const row = rowsByKey.get(key);
      if (row === undefined) return undefined;
      const column = part === 'commentary' || part === 'note' ? 'F' : part === 'forecast' ? 'E' : 'D';
      return `${column}${row}`;
    };
    for (const problem of completenessProblems(definition, content, cellOfField)) problems.push({ cell: problem.cell, message: problem.message });
  }
  return { content, problems };
}
