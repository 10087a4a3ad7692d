/** PostgreSQL's unique_violation, whether raised by pg, PGlite or wrapped by Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The PGlite data folder is open in another process; PGlite is one process's database, and a second would corrupt it. */
export class DataFolderInUse extends Error {}
