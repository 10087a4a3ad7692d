import { z } from 'zod';

export const PAGE_SIZE = 25;

export interface Page {
  number: number;
  size: number;
  offset: number;
}

/** A page number in a query string: a whole number from 1, anything else page 1. */
export const pageParam = z
  .unknown()
  .optional()
  .transform((raw) => pageFrom(raw).number);

export function pageFrom(raw: unknown, size = PAGE_SIZE): Page {
  const parsed = Number.parseInt(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '1', 10);
  const number = Number.isFinite(parsed) && parsed >= 1 && parsed <= 100_000 ? parsed : 1;
  return { number, size, offset: (number - 1) * size };
}

/**
 * Parameters for the govukPagination macro, keeping the other query parameters
 * (repeated ones too, such as several ticked filters, when given as URLSearchParams).
 */
export function paginationView(page: Page, total: number, basePath: string, query: Record<string, string> | URLSearchParams) {
  const pages = Math.max(1, Math.ceil(total / page.size));
  const href = (n: number) => {
    const params = new URLSearchParams([...new URLSearchParams(query)].filter(([, value]) => value !== ''));
    params.set('page', String(n));
    return `${basePath}?${params.toString()}`;
  };
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  for (let n = 1; n <= pages; n++) {
    const near = Math.abs(n - page.number) <= 2 || n === 1 || n === pages;
    if (near) items.push({ number: n, href: href(n), current: n === page.number });
    else if (items.at(-1)?.ellipsis !== true) items.push({ ellipsis: true });
  }
  return {
    total,
    pages,
    from: total === 0 ? 0 : page.offset + 1,
    to: Math.min(total, page.offset + page.size),
    params:
      pages > 1
        ? {
            items,
            previous: page.number > 1 ? { href: href(page.number - 1) } : undefined,
            next: page.number < pages ? { href: href(page.number + 1) } : undefined,
          }
        : undefined,
  };
}
