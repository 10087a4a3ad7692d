import type { ImportedItem, ImportPreviewRow } from '../tables.ts';

/**
 * What confirming an import does with each row: new records are created; a
 * possible duplicate is created only if the person importing said so; a
 * duplicate or possible duplicate of a library item is merged into it if they
 * chose that; everything else is left out.
 */
export function rowAction(row: ImportPreviewRow): 'create' | 'merge' | 'none' {
  if (!row.item) return 'none';
  if (row.status === 'new') return 'create';
  if (row.status === 'possible' && row.decision === 'import') return 'create';
  if ((row.status === 'duplicate' || row.status === 'possible') && row.decision === 'merge' && row.match) return 'merge';
  return 'none';
}

export interface ImportPlan {
  create: ImportedItem[];
  merge: Array<{ id: string; item: ImportedItem }>;
}

export function importPlan(rows: ImportPreviewRow[]): ImportPlan {
  const plan: ImportPlan = { create: [], merge: [] };
  for (const row of rows) {
    const action = rowAction(row);
    if (action === 'create') plan.create.push(row.item!);
    if (action === 'merge') plan.merge.push({ id: row.match!.id, item: row.item! });
  }
  return plan;
}
