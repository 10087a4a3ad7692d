import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../test/support/delivery.ts';
import { addMember } from '../../../test/support/factories.ts';
import { assertPageHas } from '../../../test/support/page-text.ts';
import { siteContacts } from '../delivery/tables.ts';
import { cohortMembers } from '../programmes/tables.ts';
import { supportRequests } from '../programmes/support-tables.ts';
import { notifications } from '../notifications/tables.ts';
import { handovers } from './tables.ts';

for (const backend of testBackends()) {
  describe(`handover packs (${backend})`, () => {
    let d: DeliveryTest;
    before(async () => {
      d = await startDeliveryTest(backend);
    });
    after(() => d.t.close());

    it('builds a site lead’s pack, and hands their sites and programmes to the successor', async () => {
      const { t, ws, admin, base, sites, leads } = d;
      const gateshead = leads.Gateshead;
      const programmeId = base.split('/').pop()!;
      await admin.get(`${base}/cohort`);
      await admin.post(`${base}/cohort`, { personId: gateshead.user.personId, role: 'participant' });
      const [request] = await t.db
        .insert(supportRequests)
        .values({
          workspaceId: ws.id,
          programmeId,
          requestedByPersonId: d.centre.user.personId,
          kind: 'question',
          subject: 'Who signs the hub agreement?',
          assignedToPersonId: gateshead.user.personId,
        })
        .returning();
      // The lead builds their own pack before leaving.
      await gateshead.agent.get(`${ws.base}/people/${gateshead.user.personId}`);
      const built = await gateshead.agent.post(`${ws.base}/people/${gateshead.user.personId}/handover`, { note: 'The board meets on the first Tuesday.' });
      assert.equal(built.statusCode, 302);
      const packUrl = String(built.headers.location);
      const pack = await gateshead.agent.get(packUrl);
      assertPageHas(pack.body, /Gateshead Council/);
      assertPageHas(pack.body, /Who signs the hub agreement\?/);
      assertPageHas(pack.body, /The board meets on the first Tuesday\./);
      // Another lead cannot build one for them, nor read theirs.
      await leads.Sunderland.agent.get(`${ws.base}/people`);
      assert.equal((await leads.Sunderland.agent.post(`${ws.base}/people/${gateshead.user.personId}/handover`, { note: '' })).statusCode, 403);
      assert.equal((await leads.Sunderland.agent.get(packUrl)).statusCode, 404);
      // Only the staff pass it on.
      assert.equal((await gateshead.agent.post(`${packUrl}/successor`, { toPersonId: leads.Sunderland.user.personId })).statusCode, 403);

      const successor = await addMember(t.db, ws.id, 'member', 'Nadia Gateshead');
      await admin.get(packUrl);
      const self = await admin.post(`${packUrl}/successor`, { toPersonId: gateshead.user.personId });
      assert.equal(self.statusCode, 400);
      assertPageHas(self.body, /Choose someone other than the person leaving/);
      const handed = await admin.post(`${packUrl}/successor`, { toPersonId: successor.personId });
      assert.equal(handed.statusCode, 302);
      const contacts = await t.db.select().from(siteContacts).where(eq(siteContacts.siteId, sites.Gateshead));
      assert.ok(contacts.some((c) => c.personId === successor.personId && c.role === 'lead'));
      assert.ok(!contacts.some((c) => c.personId === gateshead.user.personId), 'the leaver no longer answers for the site');
      const [place] = await t.db
        .select()
        .from(cohortMembers)
        .where(and(eq(cohortMembers.programmeId, programmeId), eq(cohortMembers.personId, successor.personId)));
      assert.equal(place.role, 'participant');
      const [moved] = await t.db.select().from(supportRequests).where(eq(supportRequests.id, request.id));
      assert.equal(moved.assignedToPersonId, successor.personId);
      const [told] = await t.db.select().from(notifications).where(eq(notifications.personId, successor.personId));
      assert.match(told.title, /handed Gateshead Lead’s work to you/);
      const asSuccessor = new Agent(t.app);
      await asSuccessor.signIn(successor.email, successor.password);
      assertPageHas((await asSuccessor.get(packUrl)).body, /Handed to\s*<strong>Nadia Gateshead<\/strong>/);
      const again = await admin.post(`${packUrl}/successor`, { toPersonId: successor.personId });
      assert.equal(again.statusCode, 400);
      assertPageHas(again.body, /This handover has already been passed on/);
      const word = await admin.get(`${packUrl}/pack.docx`);
      assert.equal(word.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.equal((await t.db.select().from(handovers)).length, 1);
    });
  });
}
