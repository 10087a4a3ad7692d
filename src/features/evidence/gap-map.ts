import { sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { rows, type Executor } from '../../core/db/client.ts';
import { sourceTypeLabels, strengthLabels } from '../../core/views/labels.ts';
import { sourceTypes, strengthRatings } from './tables.ts';
import { escapeXml } from '../../core/views/svg.ts';

/**
 * The evidence gap map: two facets of the library as a grid, each cell
 * counting items by strength, so thin and empty cells stand out as gaps.
 */

export const gapDimensions = ['topic', 'source_type', 'strength', 'population', 'year'] as const;
export type GapDimension = (typeof gapDimensions)[number];

export const gapDimensionLabels: Record<GapDimension, string> = {
  topic: 'Topic',
  source_type: 'Source type',
  strength: 'Strength of evidence',
  population: 'Population',
  year: 'Year published (five-year bands)',
};

/** Strength bands a cell is split into, strongest first; "not rated" covers non-research items. */
export const strengthBands = [...strengthRatings, 'not_rated'] as const;
export type StrengthBand = (typeof strengthBands)[number];

interface DimensionSql {
  /** Rows of (evidence_id, key, label) for this dimension. */
  source: SQL;
}

const MAX_VALUES = 30;

function dimensionSql(dimension: GapDimension, workspaceId: string): DimensionSql {
  switch (dimension) {
    case 'topic':
      return {
        source: sql`select et.evidence_id, t.id::text as key, t.name as label from evidence_topics et join topics t on t.workspace_id = et.workspace_id and t.id = et.topic_id where et.workspace_id = ${workspaceId}`,
      };
    case 'source_type':
      return {
        source: sql`select e.id as evidence_id, e.source_type as key, e.source_type as label from evidence_items e where e.workspace_id = ${workspaceId}`,
      };
    case 'strength':
      return {
        source: sql`select e.id as evidence_id, coalesce(e.strength, 'not_rated') as key, coalesce(e.strength, 'not_rated') as label from evidence_items e where e.workspace_id = ${workspaceId}`,
      };
    case 'population':
      return {
        source: sql`select e.id as evidence_id, e.population as key, e.population as label from evidence_items e where e.workspace_id = ${workspaceId} and e.population <> ''`,
      };
    case 'year':
      return {
        source: sql`select e.id as evidence_id, (floor(e.year / 5) * 5)::int::text as key, (floor(e.year / 5) * 5)::int::text || '–' || (floor(e.year / 5) * 5 + 4)::int::text as label
          from evidence_items e where e.workspace_id = ${workspaceId} and e.year is not null`,
      };
  }
}

export interface GapAxisValue {
  key: string;
  label: string;
  total: number;
}

export interface GapCell {
  total: number;
  bands: Record<StrengthBand, number>;
}

export interface GapMap {
  rows: GapAxisValue[];
  columns: GapAxisValue[];
  cells: Record<string, Record<string, GapCell>>;
  maxCell: number;
  gaps: number;
  rowDimension: GapDimension;
  columnDimension: GapDimension;
  /** Values beyond the limit were left out (the largest are kept). */
  truncated: boolean;
}

function labelFor(dimension: GapDimension, key: string, label: string): string {
  if (dimension === 'source_type') return sourceTypeLabels[key] ?? label;
  if (dimension === 'strength') return key === 'not_rated' ? 'Not rated' : (strengthLabels[key] ?? label);
  return label;
}

/** Fixed lists keep every value, even empty ones, so a missing kind of evidence shows as a gap. */
function fixedValues(dimension: GapDimension): string[] | undefined {
  if (dimension === 'source_type') return [...sourceTypes];
  if (dimension === 'strength') return [...strengthBands];
  return undefined;
}

export async function buildGapMap(db: Executor, workspaceId: string, rowDimension: GapDimension, columnDimension: GapDimension): Promise<GapMap> {
  const r = dimensionSql(rowDimension, workspaceId);
  const c = dimensionSql(columnDimension, workspaceId);
  const [axisRows, axisColumns, counts] = await Promise.all([
    rows<{ key: string; label: string; total: number }>(
      db,
      sql`select key, min(label) as label, count(distinct evidence_id)::int as total from (${r.source}) d group by key order by total desc, min(label)`,
    ),
    rows<{ key: string; label: string; total: number }>(
      db,
      sql`select key, min(label) as label, count(distinct evidence_id)::int as total from (${c.source}) d group by key order by total desc, min(label)`,
    ),
    rows<{ row_key: string; column_key: string; band: StrengthBand; n: number }>(
      db,
      sql`select r.key as row_key, c.key as column_key, coalesce(e.strength, 'not_rated') as band, count(distinct e.id)::int as n
          from (${r.source}) r
          join (${c.source}) c on c.evidence_id = r.evidence_id
          join evidence_items e on e.workspace_id = ${workspaceId} and e.id = r.evidence_id
          group by r.key, c.key, coalesce(e.strength, 'not_rated')`,
    ),
  ]);
  const axis = (dimension: GapDimension, found: Array<{ key: string; label: string; total: number }>) => {
    const fixed = fixedValues(dimension);
    let values: GapAxisValue[] = fixed
      ? fixed.map((key) => ({ key, label: labelFor(dimension, key, key), total: found.find((row) => row.key === key)?.total ?? 0 }))
      : found.map((row) => ({ key: row.key, label: labelFor(dimension, row.key, row.label), total: row.total }));
    const truncated = values.length > MAX_VALUES;
    values = values.slice(0, MAX_VALUES);
    if (dimension === 'year') values.sort((a, b) => Number(b.key) - Number(a.key));
    else if (dimension === 'topic' || dimension === 'population') values.sort((a, b) => a.label.localeCompare(b.label));
    return { values, truncated };
  };
  const rowAxis = axis(rowDimension, axisRows);
  const columnAxis = axis(columnDimension, axisColumns);
  const cells: GapMap['cells'] = {};
  for (const row of rowAxis.values) {
    cells[row.key] = {};
    for (const column of columnAxis.values)
      cells[row.key][column.key] = { total: 0, bands: Object.fromEntries(strengthBands.map((band) => [band, 0])) as Record<StrengthBand, number> };
  }
  let maxCell = 0;
  for (const count of counts) {
    const cell = cells[count.row_key]?.[count.column_key];
    if (!cell) continue;
    cell.bands[count.band] += count.n;
    cell.total += count.n;
    maxCell = Math.max(maxCell, cell.total);
  }
  const gaps = rowAxis.values.reduce((sum, row) => sum + columnAxis.values.filter((column) => cells[row.key][column.key].total === 0).length, 0);
  return {
    rows: rowAxis.values,
    columns: columnAxis.values,
    cells,
    maxCell,
    gaps,
    rowDimension,
    columnDimension,
    truncated: rowAxis.truncated || columnAxis.truncated,
  };
}

/** The search-page filters that show one cell's items. */
export function cellFilter(dimension: GapDimension, key: string): Array<[string, string]> {
  switch (dimension) {
    case 'topic':
      return [['topic', key]];
    case 'source_type':
      return [['type', key]];
    case 'strength':
      return key === 'not_rated' ? [] : [['strength', key]];
    case 'population':
      return [['population', key]];
    case 'year':
      return [
        ['from', key],
        ['to', String(Number(key) + 4)],
      ];
  }
}

export function gapMapCsv(map: GapMap): string {
  const records: string[][] = [
    [
      gapDimensionLabels[map.rowDimension],
      gapDimensionLabels[map.columnDimension],
      'Items',
      ...strengthBands.map((band) => (band === 'not_rated' ? 'Not rated' : strengthLabels[band])),
    ],
  ];
  for (const row of map.rows) {
    for (const column of map.columns) {
      const cell = map.cells[row.key][column.key];
      records.push([row.label, column.label, String(cell.total), ...strengthBands.map((band) => String(cell.bands[band]))]);
    }
  }
  // A leading BOM so Excel reads the UTF-8 labels correctly.
  return '\uFEFF' + stringify(records, { escape_formulas: true });
}

const BAND_COLOURS: Record<StrengthBand, string> = {
  strong: '#0b4f54',
  moderate: '#3d8b8f',
  limited: '#8fc1c3',
  very_limited: '#cfe5e6',
  not_rated: '#b1b4b6',
};

export const bandColours = BAND_COLOURS;

export interface Slice {
  fill: string;
  /** An SVG path, or empty with `circle` set when one band fills the whole circle. */
  path: string;
  circle?: number;
}

/** A cell's pie: one slice per strength band present, its radius by the square root of the count. */
export function cellSlices(cell: GapCell, maxCell: number, centre: number, minRadius: number, maxRadius: number): Slice[] {
  if (!cell.total) return [];
  const radius = minRadius + (maxRadius - minRadius) * Math.sqrt(cell.total / Math.max(1, maxCell));
  const slices: Slice[] = [];
  let angle = -Math.PI / 2;
  const point = (a: number) => `${(centre + radius * Math.cos(a)).toFixed(1)},${(centre + radius * Math.sin(a)).toFixed(1)}`;
  for (const band of strengthBands) {
    const share = cell.bands[band] / cell.total;
    if (!share) continue;
    if (share === 1) return [{ fill: BAND_COLOURS[band], path: '', circle: Number(radius.toFixed(1)) }];
    const end = angle + share * 2 * Math.PI;
    slices.push({
      fill: BAND_COLOURS[band],
      path: `M${centre},${centre} L${point(angle)} A${radius.toFixed(1)},${radius.toFixed(1)} 0 ${share > 0.5 ? 1 : 0} 1 ${point(end)} Z`,
    });
    angle = end;
  }
  return slices;
}

/** The grid as a standalone SVG image: bubbles sized by count, split by strength, gaps marked. */
export function gapMapSvg(map: GapMap, title: string): string {
  const cellSize = 64;
  const left = 260;
  const top = 150;
  const width = left + map.columns.length * cellSize + 20;
  const height = top + map.rows.length * cellSize + 70;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="18" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="16" y="48" fill="#505a5f">${escapeXml(gapDimensionLabels[map.rowDimension])} by ${escapeXml(gapDimensionLabels[map.columnDimension].toLowerCase())}; circle size is the number of items, colour their strength</text>`,
  ];
  map.columns.forEach((column, j) => {
    const x = left + j * cellSize + cellSize / 2;
    parts.push(`<text transform="translate(${x},${top - 8}) rotate(-45)" fill="#0b0c0c">${escapeXml(column.label.slice(0, 28))}</text>`);
  });
  map.rows.forEach((row, i) => {
    const y = top + i * cellSize;
    parts.push(`<text x="${left - 10}" y="${y + cellSize / 2 + 4}" text-anchor="end" fill="#0b0c0c">${escapeXml(row.label.slice(0, 36))}</text>`);
    map.columns.forEach((column, j) => {
      const x = left + j * cellSize;
      const cell = map.cells[row.key][column.key];
      parts.push(`<rect x="${x}" y="${y}" width="${cellSize}" height="${cellSize}" fill="${cell.total ? '#ffffff' : '#f3f2f1'}" stroke="#b1b4b6"/>`);
      if (!cell.total) {
        parts.push(`<text x="${x + cellSize / 2}" y="${y + cellSize / 2 + 4}" text-anchor="middle" fill="#505a5f" font-size="11">gap</text>`);
        return;
      }
      const cx = x + cellSize / 2;
      const cy = y + cellSize / 2;
      parts.push(`<g transform="translate(${x},${y})">`);
      for (const slice of cellSlices(cell, map.maxCell, cellSize / 2, 8, 28)) {
        parts.push(
          slice.circle
            ? `<circle cx="${cellSize / 2}" cy="${cellSize / 2}" r="${slice.circle}" fill="${slice.fill}"/>`
            : `<path d="${slice.path}" fill="${slice.fill}"/>`,
        );
      }
      parts.push('</g>');
      parts.push(
        `<text x="${cx}" y="${cy + 4}" text-anchor="middle" font-weight="bold" fill="${cell.bands.strong + cell.bands.moderate > cell.total / 2 ? '#ffffff' : '#0b0c0c'}">${cell.total}</text>`,
      );
    });
  });
  const legendY = top + map.rows.length * cellSize + 30;
  strengthBands.forEach((band, k) => {
    const x = 16 + k * 150;
    parts.push(`<circle cx="${x + 8}" cy="${legendY}" r="8" fill="${BAND_COLOURS[band]}"/>`);
    parts.push(`<text x="${x + 22}" y="${legendY + 4}">${band === 'not_rated' ? 'Not rated' : strengthLabels[band]}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
