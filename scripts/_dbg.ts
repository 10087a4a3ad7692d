import { startWorkspaceTest } from '../test/support/workspace-test.ts';
const { t, ws, admin } = await startWorkspaceTest('pglite');
const rows = ['Title,Authors,Year,Abstract'];
for (let i = 1; i <= 5000; i++) rows.push(`"Local study ${i} of family support in area ${i % 150}","Author ${i % 40}, A.",${2000 + (i % 25)},"Families and children in local authority ${i % 150} took part in study ${i}."`);
await admin.get(`${ws.base}/evidence/import`);
const up = await admin.upload(`${ws.base}/evidence/import`, { filename: 'five.csv', data: rows.join('\r\n') });
const url = String(up.headers.location);
await admin.get(url);
const t0 = Date.now();
const confirmed = await admin.post(`${url}/confirm`);
const progressUrl = /data-import-progress="([^"]+)"/.exec(confirmed.body)![1];
for (let i = 0; i < 30; i++) {
  const r = await t.app.inject({ method: 'GET', url: progressUrl });
  console.log(Date.now() - t0, r.body);
  if (r.json().finished) break;
  await new Promise((res) => setTimeout(res, 300));
}
await t.close();
