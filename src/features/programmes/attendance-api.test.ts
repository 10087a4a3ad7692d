import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/support/app.ts';
import { Agent } from '../../../test/support/agent.ts';
import { writeToken } from '../../../test/support/api-token.ts';
import { insertProgramme, insertSession } from '../../../test/support/api-examples.ts';
import { testBackends } from '../../../test/support/database.ts';
import { addMember, type TestUser, type TestWorkspace } from '../../../test/support/factories.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import { auditEvents } from '../../core/db/tables.ts';
import { attendance, cohortMembers } from './tables.ts';

for (const backend of testBackends()) {
  describe(`recording attendance through the API (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let token: string;
    let url: string;
    let sessionId: string;
    let participants: TestUser[];
    const put = async (body: unknown, as = token) => {
      const response = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${as}` }, payload: body as object });
      return {
        status: response.statusCode,
        body: response.json<{ data?: Array<{ personId: string; status: string }>; errors?: Array<{ field: string; message: string }> }>(),
      };
    };
    const marks = async () =>
      (
        await t.db
          .select()
          .from(attendance)
          .where(and(eq(attendance.workspaceId, ws.id), eq(attendance.sessionId, sessionId)))
      )
        .map((row) => `${row.personId} ${row.status}`)
        .sort();

    before(async () => {
      let admin: Agent;
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      token = await writeToken(admin, ws.base, 'Register');
      participants = [await addMember(t.db, ws.id, 'member', 'Ayo Participant'), await addMember(t.db, ws.id, 'member', 'Bea Participant')];
      const programmeId = await insertProgramme(t.db, ws.id, 'Attendance programme');
      sessionId = await insertSession(t.db, ws.id, programmeId, participants[0].personId);
      await t.db.insert(cohortMembers).values({ workspaceId: ws.id, programmeId, personId: participants[1].personId, role: 'participant' });
      url = `/api/v1/programmes/${programmeId}/sessions/${sessionId}/attendance`;
    });
    after(() => t.close());

    it('replaces the record as the session page does, audited', async () => {
      const [ayo, bea] = participants.map((p) => p.personId);
      const recorded = await put({
        data: [
          { personId: ayo, status: 'apologies' },
          { personId: bea, status: 'attended' },
        ],
      });
      assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
      assert.deepEqual(recorded.body.data?.map((r) => `${r.personId} ${r.status}`).sort(), [`${ayo} apologies`, `${bea} attended`].sort());
      const [audit] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'session.attendance')));
      assert.match(audit.summary, /1 attended/);
      assert.equal((await put({ data: [{ personId: bea, status: 'absent' }] })).status, 200);
      assert.deepEqual(await marks(), [`${bea} absent`], 'those left out have no mark');
    });

    it('refuses what the form would, and changes nothing', async () => {
      const [ayo, bea] = participants.map((p) => p.personId);
      const before = await marks();
      const outsider = await addMember(t.db, ws.id, 'member');
      const stranger = await put({ data: [{ personId: outsider.personId, status: 'attended' }] });
      assert.equal(stranger.status, 400);
      assert.match(stranger.body.errors?.[0].message ?? '', /only be recorded for the cohort’s participants/);
      const twice = await put({
        data: [
          { personId: ayo, status: 'attended' },
          { personId: ayo, status: 'absent' },
        ],
      });
      assert.deepEqual([twice.status, twice.body.errors?.map((e) => e.field)], [400, ['data.1.personId']]);
      const odd = await put({ data: [{ personId: bea, status: 'maybe' }] });
      assert.deepEqual([odd.status, odd.body.errors?.map((e) => e.field)], [400, ['data.0.status']]);
      assert.deepEqual(await marks(), before);

      const member = participants[0];
      const agent = new Agent(t.app);
      await agent.signIn(member.email, member.password);
      assert.equal((await put({ data: [] }, await writeToken(agent, ws.base, 'Mine'))).status, 403, 'participants do not record attendance');
    });
  });
}
