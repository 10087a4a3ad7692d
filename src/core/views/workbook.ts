import type { Workbook } from 'exceljs';

/**
 * A new Excel workbook. ExcelJS is loaded the first time one is made, not at
 * start-up: it holds about 30 MB that most requests never need.
 */
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}
