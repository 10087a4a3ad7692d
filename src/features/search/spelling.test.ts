import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import { startWorkspaceTest } from '../../../test/support/workspace-test.ts';
import type { Agent } from '../../../test/support/agent.ts';
import { testBackends } from '../../../test/support/database.ts';
import { createTestWorkspace, type TestWorkspace } from '../../../test/support/factories.ts';
import { importEvidenceItems } from '../evidence/import-evidence.ts';
import { editDistance, suggestSpelling } from './spelling.ts';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours', () => {
    assert.equal(editDistance('languag', 'languag', 2), 0);
    assert.equal(editDistance('langauge', 'language', 2), 1, 'a transposition is one edit');
    assert.equal(editDistance('fostr', 'foster', 2), 1);
    assert.equal(editDistance('kinship', 'kingship', 2), 1);
    assert.equal(editDistance('abc', 'xyz', 1), 2, 'stops early past the limit');
  });
});

for (const backend of testBackends()) {
  describe(`did you mean (${backend})`, () => {
    let t: TestApp;
    let ws: TestWorkspace;
    let admin: Agent;

    before(async () => {
      ({ t, ws, admin } = await startWorkspaceTest(backend));
      await importEvidenceItems(t.db, ws.id, { accountId: null, name: 'Seed' }, [
        {
          sourceType: 'systematic_review',
          title: 'Early language interventions for toddlers',
          abstract: 'Speech and language therapy for toddlers with language delay.',
        },
        { sourceType: 'research_study', title: 'Foster carer retention in England', abstract: 'Why foster carers leave, and what keeps them fostering.' },
        { sourceType: 'guidance', title: 'Kinship care guidance', abstract: 'Support for kinship carers.' },
        { sourceType: 'guidance', title: 'Documentation standards', abstract: 'How teams keep their documents tidy.' },
      ]);
      // Another workspace's words are never suggested.
      const other = await createTestWorkspace(t.db);
      await importEvidenceItems(t.db, other.id, { accountId: null, name: 'Seed' }, [{ sourceType: 'guidance', title: 'Zeppelin maintenance' }]);
    });
    after(() => t.close());

    it('suggests the closest indexed words for misspelt ones and leaves known words alone', async () => {
      const suggestion = await suggestSpelling(t.db, ws.id, 'langauge delay in todlers');
      assert.deepEqual(suggestion, { text: 'language delay in toddlers', changed: ['language', 'toddlers'] });
      assert.equal(await suggestSpelling(t.db, ws.id, 'foster carer retention'), null);
      assert.equal((await suggestSpelling(t.db, ws.id, 'fostr carers'))?.text, 'foster carers');
      // "documents" and "documentation" share a stem; the form offered is the one closest to what was typed.
      assert.equal((await suggestSpelling(t.db, ws.id, 'documnets'))?.text, 'documents');
      assert.equal(await suggestSpelling(t.db, ws.id, 'zepelin'), null, 'not from another workspace');
      assert.equal(await suggestSpelling(t.db, ws.id, 'qwxzvbn'), null, 'nothing close enough');
      assert.equal(await suggestSpelling(t.db, ws.id, '& | ! :* "" -'), null);
    });

    it('offers the suggestion on the search page as a link', async () => {
      const page = await admin.get(`${ws.base}/evidence?q=${encodeURIComponent('kinshp care')}`);
      assert.match(page.body, /Did you mean <a class="govuk-link" href="[^"]*q=kinship\+care"><strong>kinship<\/strong> care<\/a>\?/);
      assert.match(page.body, /Kinship care guidance/, 'the misspelt search finds the document as well');
      assert.doesNotMatch((await admin.get(`${ws.base}/evidence?q=kinship+care`)).body, /Did you mean/);
    });
  });
}
