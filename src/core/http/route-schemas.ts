/**
 * The pieces route schemas are built from. Routes declare their params,
 * query and body with these (fastify-type-provider-zod validates them and
 * types the handler), so no handler casts what it received.
 */
import { z } from 'zod';
import { joinDateParts } from './date-parts.ts';
import { isUuid } from '../db/uuid.ts';
import { isWorkspaceSlug } from '../workspace-slug.ts';

/** A record's id in a URL; anything else is answered like a record that does not exist (404). */
export const idParam = z.string().refine(isUuid);

/** Path parameters; loose, so the workspace prefix's own parameter passes through to the scope's hook. */
export const pathParams = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/** The workspace in a URL under /w/:workspaceSlug, for the hooks that load it before any route's own schema is checked. */
export const workspaceSlugParams = z.looseObject({ workspaceSlug: z.string().refine(isWorkspaceSlug) });

/** A secret link's token (an invitation, a password reset); a wrong one is answered as an expired one. */
export const tokenParams = pathParams({ token: z.string().max(200) });

/** The usual `/:id` of a record's pages. */
export const idParams = pathParams({ id: idParam });

/**
 * A posted form as it arrives: named values (text, repeated text, an
 * uploaded file). Its own Zod schema parses it in the handler, so what is
 * wrong shows on the page against each field rather than as a bare 400.
 */
export const formBody = z
  .record(z.string(), z.unknown())
  .optional()
  .transform((body) => joinDateParts(body ?? {}));

const hasNul = (value: unknown) => (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && item.includes('\u0000'));

/**
 * A query-string value that may be searched for: a NUL can be typed into an
 * address but never stored or searched, so it is refused as bad input (400)
 * rather than reaching the database.
 */
export const searchable = <T extends z.ZodType>(schema: T) =>
  z
    .unknown()
    .optional()
    .refine((value) => !hasNul(value), 'The search contains a character that cannot be searched for')
    .pipe(schema);

/** A text value in a query string: trimmed and cut to length; absent or repeated reads as empty. */
export const queryText = (max = 200) =>
  searchable(
    z
      .unknown()
      .optional()
      .transform((value) => (typeof value === 'string' ? value.trim().slice(0, max) : '')),
  );

/** A yes/no filter in a query string (`?openToContact=yes`). */
export const queryYes = z
  .unknown()
  .optional()
  .transform((value) => value === 'yes');

/** One of a fixed list in a query string, or undefined when absent or not one of them. */
export const queryChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T[number]) : undefined));

/** A query string's fields; loose, so unknown parameters are ignored rather than refused. */
export const queryOf = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/** A public page's address: the workspace's address, then the page's own (`/public/<workspace>/guides/<guide>`). */
export const publicPageParams = pathParams({ workspaceSlug: z.string().max(80), slug: z.string().max(120) });
