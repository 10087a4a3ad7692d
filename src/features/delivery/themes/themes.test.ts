import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import mammoth from 'mammoth';
import { testBackends } from '../../../../test/support/database.ts';
import { assertPageHas, pageExcerpt } from '../../../../test/support/page-text.ts';
import { startDeliveryTest, type DeliveryTest } from '../../../../test/support/delivery.ts';
import { deliveryThemes, themeCandidates, themeCodings } from '../tables.ts';
import { EMERGING_THEMES_JOB } from './find-emerging-themes.ts';

const assessment = [
  'We have a long wait for a Form F assessment because two social workers left.',
  'Assessments are slow: the assessing team is short of social workers.',
  'The assessment backlog grew; applicants wait weeks for an assessor.',
];
const housing = [
  'Enquirers do not have a spare bedroom, so they cannot foster.',
  'Rising rents mean families move to smaller homes without a spare room.',
  'Social housing tenants cannot get a larger home with a spare bedroom.',
];
const costInsights = [
  'The cost of living is now the first thing enquirers ask about, before the allowance.',
  'Carers on low incomes feel the cost of living most; the allowance decides if they stay.',
  'The gap between the allowance and the real cost of living keeps growing.',
];
const costOfLiving = [
  'Carers say the allowance no longer covers the cost of living and energy bills.',
  'With the cost of living rising, the allowance will not stretch for carers.',
  'Enquirers worry about the cost of living and whether the allowance is enough.',
];

for (const backend of testBackends()) {
  describe(`delivery loop: themes, suggestions, emerging themes and briefings (${backend})`, () => {
    let d: DeliveryTest;
    const returnPath = (site: string) => `${d.base}/delivery/rounds/1/sites/${d.sites[site]}`;

    /** Submit a site's return with the given challenge text. */
    async function submit(site: string, challenge: string, support: string, insight: string) {
      const agent = site === 'Newcastle' ? d.admin : d.leads[site].agent;
      const page = await agent.get(returnPath(site));
      const fields: Record<string, string> = {
        revision: /name="revision" value="(\d+)"/.exec(page.body)![1],
        action: 'submit',
        's17-text': challenge,
        's18-text': insight,
        's20-text': support,
      };
      for (const [, key] of page.body.matchAll(/name="(w\d+)-rag"/g)) fields[`${key}-rag`] = key === 'w1' ? 'red' : 'green';
      fields['w1-commentary'] = 'Campaign launch delayed.';
      for (const [, key] of page.body.matchAll(/name="(i\d+)-value"/g)) fields[`${key}-value`] = '5';
      const response = await agent.post(returnPath(site), fields);
      assert.equal(response.statusCode, 302, pageExcerpt(response.body));
    }

    before(async () => {
      d = await startDeliveryTest(backend);
      await submit('Gateshead', `${assessment[0]} ${housing[0]}`, costOfLiving[0], costInsights[0]);
      await submit('Sunderland', assessment[1], costOfLiving[1], costInsights[1]);
      await submit('Newcastle', housing[1], costOfLiving[2], costInsights[2]);
    });
    after(() => d.t.close());

    it('keeps a codebook: add, refuse duplicates and blanks, rename', async () => {
      await d.admin.get(`${d.base}/delivery/themes`);
      const blank = await d.admin.post(`${d.base}/delivery/themes`, { name: '' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter the theme’s name/);
      for (const name of ['Assessment capacity', 'Spare rooms'])
        assert.equal((await d.admin.post(`${d.base}/delivery/themes`, { name, description: '' })).statusCode, 302);
      const twice = await d.admin.post(`${d.base}/delivery/themes`, { name: 'assessment CAPACITY' });
      assert.equal(twice.statusCode, 400);
      assertPageHas(twice.body, /There is already a theme called “assessment CAPACITY”/);
      const spare = (await d.t.db.select().from(deliveryThemes)).find((t) => t.name === 'Spare rooms')!;
      assert.equal(
        (await d.admin.post(`${d.base}/delivery/themes`, { id: spare.id, name: 'Spare rooms and housing', description: 'No spare bedroom, housing costs.' }))
          .statusCode,
        302,
      );
      assertPageHas((await d.admin.get(`${d.base}/delivery/themes`)).body, /Spare rooms and housing/);
    });

    it('codes answers and keeps sites and the department out of the analysts’ pages', async () => {
      const page = await d.admin.get(`${d.base}/delivery/themes/code`);
      assertPageHas(page.body, /9 answers/);
      assertPageHas(page.body, /two social workers left/);
      const themes = await d.t.db.select().from(deliveryThemes);
      const id = (name: string) => themes.find((t) => t.name.startsWith(name))!.id;
      const unit = (text: RegExp) => {
        const blocks = page.body.split('bw-card bw-unit').slice(1);
        const block = blocks.find((b) => text.test(b))!;
        return { returnId: /name="returnId" value="([^"]+)"/.exec(block)![1], sectionKey: /name="sectionKey" value="([^"]+)"/.exec(block)![1] };
      };
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit(/two social workers left/), themeIds: [id('Assessment'), id('Spare')] });
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit(/short of social workers/), themeIds: [id('Assessment')] });
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit(/smaller homes/), themeIds: [id('Spare')] });
      assert.equal((await d.t.db.select().from(themeCodings)).length, 4);
      const bad = await d.admin.post(`${d.base}/delivery/themes/code`, { returnId: 'not-a-return', sectionKey: 's17', themeIds: [id('Spare')] });
      assert.equal(bad.statusCode, 404);
      assert.equal((await d.leads.Gateshead.agent.get(`${d.base}/delivery/themes`)).statusCode, 403);
      assert.equal((await d.centre.agent.get(`${d.base}/delivery/themes`)).statusCode, 200, 'the department reads the themes');
      assert.equal((await d.centre.agent.get(`${d.base}/delivery/themes/code`)).statusCode, 403, 'but does not code');
      const themesPage = await d.admin.get(`${d.base}/delivery/themes`);
      assertPageHas(themesPage.body, /Themes over time/);
    });

    it('quotes the part of an answer that carries its themes, refusing words that are not in it', async () => {
      const themes = await d.t.db.select().from(deliveryThemes);
      const id = (name: string) => themes.find((t) => t.name.startsWith(name))!.id;
      const page = await d.admin.get(`${d.base}/delivery/themes/code?show=all`);
      const block = page.body
        .split('bw-card bw-unit')
        .slice(1)
        .find((b) => /two social workers left/.test(b))!;
      const unit = { returnId: /name="returnId" value="([^"]+)"/.exec(block)![1], sectionKey: /name="sectionKey" value="([^"]+)"/.exec(block)![1] };
      const returnTo = `${d.base}/delivery/themes/code?show=all`;
      const excerpts = async () =>
        (
          await d.t.db
            .select({ excerpt: themeCodings.excerpt, themeId: themeCodings.themeId })
            .from(themeCodings)
            .where(eq(themeCodings.returnId, unit.returnId))
        ).filter((c) => c.themeId === id('Assessment') || c.themeId === id('Spare'));

      // Selected on the page, the passage comes with its line break folded; it is kept as the answer reads.
      const quoted = await d.admin.post(`${d.base}/delivery/themes/code`, {
        ...unit,
        returnTo,
        themeIds: [id('Assessment'), id('Spare')],
        excerpt: ' a long wait for a Form F \n assessment because TWO social workers left ',
      });
      assert.equal(quoted.statusCode, 302);
      const quote = 'a long wait for a Form F assessment because two social workers left';
      assert.deepEqual(
        (await excerpts()).map((c) => c.excerpt),
        [quote, quote],
      );
      assertPageHas((await d.admin.get(returnTo)).body, new RegExp(`<textarea[^>]*name="excerpt"[^>]*>${quote}</textarea>`));
      assertPageHas((await d.admin.get(`${d.base}/delivery/themes/${id('Assessment')}`)).body, new RegExp(quote));

      for (const [excerpt, shows] of [
        ['social workers never left', /social workers never left/],
        ['<script>alert(1)</script>', /&lt;script&gt;alert\(1\)&lt;\/script&gt;/],
      ] as const) {
        const refused = await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit, returnTo, themeIds: [id('Assessment')], excerpt });
        assert.equal(refused.statusCode, 400);
        assertPageHas(refused.body, /There is a problem/);
        assertPageHas(refused.body, /The quote must be words from the answer, as they appear there/);
        assertPageHas(refused.body, shows, 'what was typed is shown again, escaped');
        assert.doesNotMatch(refused.body, /<script>alert/);
        assert.deepEqual(
          (await excerpts()).map((c) => c.excerpt),
          [quote, quote],
          'nothing saved: both themes keep the quote',
        );
      }

      for (const [excerpt, message] of [
        [['a long wait', 'for a Form F'], /Enter the quote once, as text/],
        ['a long wait\u0007', /Quote must not contain control characters/],
      ] as const) {
        const refused = await d.admin.post(`${d.base}/delivery/themes/code`, {
          ...unit,
          returnTo,
          themeIds: [id('Assessment')],
          excerpt: excerpt as string | string[],
        });
        assert.equal(refused.statusCode, 400);
        assertPageHas(refused.body, message);
        assert.deepEqual(
          (await excerpts()).map((c) => c.excerpt),
          [quote, quote],
          'nothing saved',
        );
      }

      // A suggestion accepted with one click quotes the same passage as the answer's other themes.
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit, returnTo, themeIds: [id('Assessment')], excerpt: quote });
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit, returnTo, current: [id('Assessment')], add: id('Spare') });
      assert.deepEqual(
        (await excerpts()).map((c) => c.excerpt),
        [quote, quote],
      );
      // An empty box quotes the whole answer again.
      await d.admin.post(`${d.base}/delivery/themes/code`, { ...unit, returnTo, themeIds: [id('Assessment'), id('Spare')], excerpt: '' });
      assert.deepEqual(
        (await excerpts()).map((c) => c.excerpt),
        [`${assessment[0]} ${housing[0]}`, `${assessment[0]} ${housing[0]}`],
      );
    });

    it('finds an emerging theme in uncoded answers; an analyst renames and accepts it, then merges another', async () => {
      await d.admin.get(`${d.base}/delivery/themes/emerging`);
      assert.equal((await d.admin.post(`${d.base}/delivery/themes/emerging`)).statusCode, 302);
      const waiting = await d.admin.get(`${d.base}/delivery/themes/emerging`);
      assertPageHas(waiting.body, /Bridgework is looking for emerging themes in the uncoded answers/);
      assertPageHas(waiting.body, /Refresh this page/, 'the request waits on the job queue');
      await d.admin.post(`${d.base}/delivery/themes/emerging`);
      assertPageHas((await d.admin.get(`${d.base}/delivery/themes/emerging`)).body, /Bridgework is already looking/, 'asking twice queues once');
      assert.equal(await d.t.app.deps.jobs.workWaiting(EMERGING_THEMES_JOB), 1);
      const candidates = await d.t.db.select().from(themeCandidates);
      assert.ok(candidates.length >= 1, 'at least one candidate');
      const page = await d.admin.get(`${d.base}/delivery/themes/emerging`);
      assertPageHas(page.body, /cost of living/i);
      const biggest = candidates.sort((a, b) => b.members.length - a.members.length)[0];
      const clash = await d.admin.post(`${d.base}/delivery/themes/emerging/${biggest.id}`, { action: 'accept', name: 'Assessment capacity' });
      assert.equal(clash.statusCode, 400);
      assertPageHas(clash.body, /There is already a theme called “Assessment capacity”. Merge the candidate into it instead/);
      assert.equal(
        (await d.admin.post(`${d.base}/delivery/themes/emerging/${biggest.id}`, { action: 'accept', name: 'Cost of living and allowances', description: '' }))
          .statusCode,
        302,
      );
      const [theme] = await d.t.db.select().from(deliveryThemes).where(eq(deliveryThemes.name, 'Cost of living and allowances'));
      const coded = await d.t.db.select().from(themeCodings).where(eq(themeCodings.themeId, theme.id));
      assert.equal(coded.length, biggest.members.length);
      assert.ok(coded.every((c) => c.origin === 'emerging'));
      const again = await d.admin.post(`${d.base}/delivery/themes/emerging/${biggest.id}`, { action: 'dismiss' });
      assert.equal(again.statusCode, 400);
      assertPageHas(again.body, /already dealt with that candidate/);
      // Merging one theme into another moves its codes.
      const spare = (await d.t.db.select().from(deliveryThemes)).find((t) => t.name.startsWith('Spare'))!;
      await d.admin.get(`${d.base}/delivery/themes`);
      assert.equal((await d.admin.post(`${d.base}/delivery/themes`, { id: spare.id, action: 'merge', into: theme.id })).statusCode, 302);
      assert.equal((await d.t.db.select().from(deliveryThemes)).length, 2);
    });

    it('suggests themes for new text from what was coded before', async () => {
      // Code every answer about the allowance but one; the one left is then offered the theme.
      await d.admin.get(`${d.base}/delivery/themes`);
      await d.admin.post(`${d.base}/delivery/themes`, { name: 'Allowance', description: 'The fostering allowance against the cost of living.' });
      const allowance = (await d.t.db.select().from(deliveryThemes)).find((theme) => theme.name === 'Allowance')!.id;
      const blocks = async () => (await d.admin.get(`${d.base}/delivery/themes/code?show=all`)).body.split('bw-card bw-unit').slice(1);
      const returnTo = `${d.base}/delivery/themes/code?show=all`;
      for (const text of [...costInsights, costOfLiving[0], costOfLiving[1]]) {
        const block = (await blocks()).find((b) => b.includes(text.slice(0, 40)))!;
        const ticked = [...block.matchAll(/name="themeIds" type="checkbox" value="([^"]+)" checked/g)].map((m) => m[1]);
        const coded = await d.admin.post(`${d.base}/delivery/themes/code`, {
          returnId: /name="returnId" value="([^"]+)"/.exec(block)![1],
          sectionKey: /name="sectionKey" value="([^"]+)"/.exec(block)![1],
          themeIds: [...ticked, allowance],
          excerpt: '',
          returnTo,
        });
        assert.equal(coded.statusCode, 302, pageExcerpt(coded.body));
      }
      const left = (await blocks()).find((b) => b.includes(costOfLiving[2].slice(0, 40)))!;
      assertPageHas(left, /Suggested:[\s\S]*Allowance/, 'the answer left uncoded is offered the theme its neighbours have');
    });

    it('records the department’s response, visible to sites under Briefings', async () => {
      const [theme] = await d.t.db.select().from(deliveryThemes).where(eq(deliveryThemes.name, 'Assessment capacity'));
      await d.centre.agent.get(`${d.base}/delivery/themes/${theme.id}`);
      const blank = await d.centre.agent.post(`${d.base}/delivery/themes/${theme.id}/responses`, { response: '' });
      assert.equal(blank.statusCode, 400);
      assertPageHas(blank.body, /Enter the response/);
      assert.equal(
        (await d.centre.agent.post(`${d.base}/delivery/themes/${theme.id}/responses`, { response: 'We are funding a shared pool of assessors for every hub.' }))
          .statusCode,
        302,
      );
      await d.leads.Sunderland.agent.get(`${d.base}/delivery/briefings`);
      assert.equal(
        (await d.leads.Sunderland.agent.post(`${d.base}/delivery/themes/${theme.id}/responses`, { response: 'A site speaking for the centre.' })).statusCode,
        403,
        'sites do not answer for the department',
      );
      const forSites = await d.leads.Sunderland.agent.get(`${d.base}/delivery/briefings`);
      assertPageHas(forSites.body, /We are funding a shared pool of assessors/);
    });

    it('drafts a briefing, lets facilitators edit it, and shows it to others only once shared', async () => {
      const path = `${d.base}/delivery/briefings/1`;
      await d.admin.get(path);
      assert.equal((await d.admin.post(path, { action: 'generate' })).statusCode, 302);
      const draft = await d.admin.get(path);
      assertPageHas(draft.body, /3 of 3 sites submitted their return for January 2026/);
      assertPageHas(draft.body, /Marketing and recruitment campaign: 0 green, 0 amber, 3 red/);
      assertPageHas(draft.body, /Assessment capacity: raised in 2 answers/);
      assert.equal((await d.leads.Gateshead.agent.get(path)).statusCode, 403);
      assert.equal((await d.centre.agent.get(path)).statusCode, 403);
      assert.equal((await d.leads.Gateshead.agent.get(`${path}/briefing.docx`)).statusCode, 403, 'nor its Word document');
      await d.admin.get(`${path}?edit=1`);
      const noHeadline = await d.admin.post(path, { action: 'save', headline: '', progress: 'Kept as typed' });
      assert.equal(noHeadline.statusCode, 400);
      assertPageHas(noHeadline.body, /Enter a headline: it is the one line everyone reads/);
      assertPageHas(noHeadline.body, /Kept as typed/);
      await d.admin.post(path, {
        action: 'save',
        headline: 'All three authorities reported; campaigns are late everywhere.',
        progress: 'Campaigns red across the hub.',
        themes: 'Assessment and housing.',
        risks: 'Campaign delay.',
        goodPractice: 'None yet.',
      });
      await d.admin.post(path, { action: 'share' });
      const shared = await d.leads.Gateshead.agent.get(path);
      assert.equal(shared.statusCode, 200);
      assertPageHas(shared.body, /campaigns are late everywhere/);
      const regenerate = await d.admin.post(path, { action: 'generate' });
      assert.equal(regenerate.statusCode, 302);
      assertPageHas((await d.admin.get(path)).body, /has been shared. Withdraw it first/);
      const docx = await d.centre.agent.get(`${path}/briefing.docx`);
      assert.equal(docx.statusCode, 200);
      const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
      assert.match(text, /checkpoint briefing/);
      assert.match(text, /campaigns are late everywhere/);
      assert.match(text, /You said, we did/);
      assert.match(text, /shared pool of assessors/);
    });
  });
}
