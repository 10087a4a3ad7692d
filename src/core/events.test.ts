import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../test/support/factories.ts';
import { workspaceEvents } from './db/tables.ts';
import { onEventsPublished } from './events.ts';
import { operatorMember, runOperation } from './operations.ts';

describe('events published by operations (the outbox)', () => {
  let database: TestDatabase;
  let ws: TestWorkspace;
  before(async () => {
    database = await createTestDatabase('pglite');
    ws = await createTestWorkspace(database.db);
  });
  after(() => database.close());

  const ctx = () => ({
    workspace: { id: ws.id, slug: ws.slug, name: ws.name, isExample: false },
    member: operatorMember,
    actor: { accountId: null, name: 'Test' },
  });
  const event = { type: 'lesson.published', entityType: 'lesson', entityId: 'l1', data: { lesson: { title: 'A' } } };

  it('keeps an event only if its change commits, and tells listeners after the commit', async () => {
    const told: number[] = [];
    const stop = onEventsPublished(() => told.push(told.length));
    try {
      await assert.rejects(
        runOperation(database.db, ctx(), 'fail after publishing', async ({ authorize, audit, publish }) => {
          authorize(true);
          await publish(event);
          await audit({ action: 'test', entityType: 'test', summary: 'test' });
          throw new Error('the change fails');
        }),
        /the change fails/,
      );
      assert.equal((await database.db.select().from(workspaceEvents).where(eq(workspaceEvents.workspaceId, ws.id))).length, 0);
      assert.deepEqual(told, [], 'nobody is told of an event that never happened');

      await runOperation(database.db, ctx(), 'publish', async ({ authorize, audit, publish }) => {
        authorize(true);
        await publish(event);
        await audit({ action: 'test', entityType: 'test', summary: 'test' });
        assert.deepEqual(told, [], 'not before the commit');
      });
      const [saved] = await database.db.select().from(workspaceEvents).where(eq(workspaceEvents.workspaceId, ws.id));
      assert.equal(saved.type, 'lesson.published');
      assert.equal(saved.dispatchedAt, null);
      assert.deepEqual(told, [0]);
    } finally {
      stop();
    }
  });
});
