import { and, eq, inArray, sql } from 'drizzle-orm';
import { hashPassword } from '../../core/auth/passwords.ts';
import { isAdministrator } from '../../core/auth/roles.ts';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/client.ts';
import { accounts, workspaces } from '../../core/db/tables.ts';
import { RuleError } from '../../core/http/errors.ts';
import { runOperation, type OperationContext } from '../../core/operations.ts';
import { memberships } from '../access/tables.ts';
import { endAllSessions } from '../accounts/sessions.ts';
import { demoEmail } from './people.ts';

/** The people of the example workspace a newcomer can sign in as, one for each part played in it. */
export const exampleRoles = [
  { name: 'Eleanor Marsh', part: 'Participant', does: 'A policy adviser at the Department for Education on the Mobilise pilot' },
  { name: 'Janet Armstrong', part: 'Site lead', does: 'Leads the North East fostering hub and sends its councils’ checkpoint returns' },
  { name: 'Megan Price', part: 'Department lead', does: 'Manages the hubs programme at the Department for Education and reads its dashboard' },
  { name: 'Tomasz Nowak', part: 'Facilitator', does: 'Runs the hubs programme’s checkpoint cycle for the partnership' },
] as const;

export const exampleAccountsPolicy = {
  issue: (ctx: OperationContext) => isAdministrator(ctx.member.role) && ctx.workspace.isExample,
};

/** Four groups of four letters and digits (about 80 bits), easy to copy and to type; without 0/O and 1/l/I. */
function readablePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * Give the example workspace's role accounts one new password, shown once to
 * the administrator, so each part can be tried. Only in the example
 * workspace, and only for its made-up accounts: an account that belongs to
 * any workspace other than an example one is never touched. Ends any
 * sessions those accounts had, as any password change does.
 */
export function issueExamplePasswords(db: Db, ctx: OperationContext) {
  return runOperation(db, ctx, 'set passwords for the example accounts', async ({ tx, workspaceId, authorize, audit }) => {
    authorize(exampleAccountsPolicy.issue(ctx), 'Only an administrator of the example workspace can set passwords for its example accounts.');
    const emails = exampleRoles.map((r) => demoEmail(r.name));
    const found = await tx
      .select({ accountId: accounts.id, email: accounts.email })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(sql`lower(${accounts.email})`, emails)));
    const elsewhere = await tx
      .select({ accountId: memberships.accountId })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(
        and(
          inArray(
            memberships.accountId,
            found.map((f) => f.accountId),
          ),
          eq(workspaces.isExample, false),
        ),
      );
    const usable = found.filter((f) => !elsewhere.some((e) => e.accountId === f.accountId));
    if (!usable.length) throw new RuleError('', 'The example accounts are no longer in this workspace, so there is no one to sign in as.');
    const password = readablePassword();
    const passwordHash = await hashPassword(password);
    for (const account of usable) {
      await tx.update(accounts).set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(accounts.id, account.accountId));
      await endAllSessions(tx, account.accountId);
    }
    await audit({
      action: 'example.passwords_set',
      entityType: 'workspace',
      entityId: workspaceId,
      summary: `Set a new password for the example accounts (${usable.length})`,
    });
    return {
      password,
      accounts: exampleRoles
        .map((role) => ({ ...role, email: demoEmail(role.name) }))
        .filter((role) => usable.some((u) => u.email.toLowerCase() === role.email)),
    };
  });
}
