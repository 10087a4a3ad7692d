import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, assertAccessible, signIn, openPage, fillDate } from '../support/browser.ts';
import type { TestApp } from '../support/app.ts';
import { addMember, createTestWorkspace, type TestUser, type TestWorkspace } from '../support/factories.ts';
import { people } from '../../src/features/people/tables.ts';

/** The cohort programme journeys in a real browser, with an accessibility check on every page they visit. */
describe('cohort programmes in Chromium', () => {
  let server: TestApp & { url: string };
  let browser: Browser;
  let ws: TestWorkspace;
  let participant: TestUser;
  let facilitator: Page;
  let learner: Page;
  let programmeUrl: string;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ws = await createTestWorkspace(server.db, 'Early Years Evidence Partnership');
    participant = await addMember(server.db, ws.id, 'member', 'Claire Robson');
    await addMember(server.db, ws.id, 'member', 'Mohammed Iqbal');
    await server.db.insert(people).values({
      workspaceId: ws.id,
      fullName: 'Professor Helen Adeyemi',
      jobTitle: 'Professor of Child Language Development',
      bio: 'Parenting programmes, early language and talk at home',
    });
    facilitator = await openPage(browser);
    learner = await openPage(browser);
    await signIn(facilitator, server.url, ws.admin);
    await signIn(learner, server.url, participant);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a programme and its cohort', async () => {
    await facilitator.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Programmes' }).click();
    await facilitator.getByRole('heading', { name: 'Programmes' }).waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Start a programme' }).click();
    await facilitator.getByLabel('Name').fill('Mobilise pilot');
    await fillDate(facilitator, 'Start date', '2026-01-05');
    await fillDate(facilitator, 'End date', '2025-12-01');
    await facilitator.getByRole('button', { name: 'Save programme' }).click();
    await facilitator.getByRole('link', { name: 'The end date must be on or after the start date' }).waitFor();
    await assertAccessible(facilitator);
    await fillDate(facilitator, 'End date', '2027-06-30');
    await facilitator.getByRole('button', { name: 'Save programme' }).click();
    await facilitator.getByText('Add the cohort next;', { exact: false }).waitFor();
    await assertAccessible(facilitator);
    for (const name of ['Claire Robson', 'Mohammed Iqbal']) {
      await facilitator.getByLabel('Person').selectOption({ label: name });
      await facilitator.getByLabel('Participant').check();
      await facilitator.getByRole('button', { name: 'Add to cohort' }).click();
      await facilitator.getByText(`Added ${name} as a participant.`).waitFor();
    }
    assert.match((await facilitator.textContent('main')) ?? '', /Participants \(2\)/);
    programmeUrl = facilitator.url().replace(/\/cohort$/, '');
    await facilitator.goto(programmeUrl);
    await assertAccessible(facilitator);
  });

  it('lets a participant complete the needs intake', async () => {
    await learner.goto(`${server.url}${ws.base}`);
    await learner.getByRole('link', { name: 'Tell the team what you need to learn' }).click();
    await assertAccessible(learner);
    await learner.getByRole('button', { name: 'Send my answers' }).click();
    await learner.getByRole('link', { name: 'Enter at least one thing you want to learn' }).waitFor();
    await assertAccessible(learner);
    await learner.getByLabel('Your role').fill('Head of early help in Newcastle');
    await learner.getByLabel('The policy challenge you are working on').fill('Keeping parents in our parenting programme until the end');
    await learner.getByLabel('What you want to learn').fill('Why parents drop out of parenting programmes\nParenting programmes that parents finish');
    await learner.getByLabel('Discussion with peers').check();
    await learner.getByRole('button', { name: 'Send my answers' }).click();
    await learner.getByText('Your needs will shape the programme.').waitFor();
    await assertAccessible(learner);
  });

  it('groups the needs and plans a session against one', async () => {
    await facilitator.goto(`${programmeUrl}/needs`);
    await facilitator.getByText('Suggested group of 2 statements').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Name of the need').first().fill('Keeping parents in parenting programmes');
    await facilitator.getByRole('button', { name: 'Add to the board' }).first().click();
    await facilitator.getByText('Added “Keeping parents in parenting programmes” to the board.').waitFor();
    assert.match((await facilitator.textContent('main')) ?? '', /Professor Helen Adeyemi/, 'an expert is suggested for the need');
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: 'Plan a session for this need' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Kind of session').selectOption({ label: 'Masterclass or training' });
    await facilitator.getByLabel('Title').fill('Why parents leave programmes, and what keeps them');
    await fillDate(facilitator, /^Date/, '2028-03-04');
    await facilitator.getByLabel('Place (optional)').fill('Kingsbridge University, London');
    await facilitator.getByRole('checkbox', { name: /Professor Helen Adeyemi/ }).check();
    await facilitator.getByRole('button', { name: 'Save session' }).click();
    await facilitator.getByRole('link', { name: /The date must be within the programme/ }).waitFor();
    await assertAccessible(facilitator);
    await fillDate(facilitator, /^Date/, '2026-03-04');
    assert.ok(await facilitator.getByLabel('Keeping parents in parenting programmes').isChecked(), 'the need stays ticked');
    await facilitator.getByRole('button', { name: 'Save session' }).click();
    await facilitator.getByText('Planned Why parents leave programmes').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('Claire Robson: Attended').check();
    await facilitator.getByRole('button', { name: 'Save attendance' }).click();
    await facilitator.getByText('Attendance saved.').waitFor();
    await facilitator.goto(`${programmeUrl}/calendar?month=2026-03`);
    await facilitator.getByRole('link', { name: /Why parents leave programmes/ }).waitFor();
    await assertAccessible(facilitator);
  });

  it('takes a participant’s feedback and records the change made in response', async () => {
    await learner.goto(`${server.url}${ws.base}`);
    await learner.getByRole('link', { name: 'Why parents leave programmes, and what keeps them' }).first().click();
    await learner.getByRole('heading', { name: 'How useful was this session?' }).waitFor();
    await assertAccessible(learner);
    await learner.getByRole('button', { name: 'Send feedback' }).click();
    await learner.getByRole('link', { name: 'Select how useful the session was' }).waitFor();
    await assertAccessible(learner);
    await learner.getByLabel('4 – Useful').check();
    await learner.getByLabel('What should we change? (optional)').fill('More time to talk to the researcher');
    await learner.getByRole('button', { name: 'Send feedback' }).click();
    await learner.getByText('Thank you for your feedback.').waitFor();

    await facilitator.goto(`${programmeUrl}/feedback`);
    await facilitator.getByText('More time to talk to the researcher').waitFor();
    await assertAccessible(facilitator);
    await facilitator.getByRole('link', { name: 'Record what you changed in response' }).click();
    await assertAccessible(facilitator);
    await facilitator.getByLabel('You said').fill('You wanted more time with the researchers.');
    await facilitator.getByLabel('We did').fill('Each masterclass now ends with 30 minutes of open questions.');
    await facilitator.getByText('Link it to feedback').click();
    await facilitator.getByRole('checkbox', { name: /More time to talk to the researcher/ }).check();
    await facilitator.getByRole('button', { name: 'Record change' }).click();
    await facilitator.getByText('Recorded the change.').waitFor();
    assert.match((await facilitator.textContent('main')) ?? '', /Prompted by: “More time to talk to the researcher”/);
    await assertAccessible(facilitator);

    await learner.goto(`${programmeUrl}/changes`);
    await learner.getByText('Each masterclass now ends with 30 minutes of open questions.').waitFor();
    await assertAccessible(learner);
  });

  it('keeps every other programme page accessible, for participants and facilitators', async () => {
    await learner.goto(`${programmeUrl}/challenge`);
    await learner.getByLabel('What you did, will do or learned').fill('Interview five parents who left the programme early');
    await learner.getByRole('button', { name: 'Add to log' }).click();
    await learner.getByText('Added the action to your log.').waitFor();
    await assertAccessible(learner);
    await learner.goto(`${programmeUrl}/requests`);
    await learner.getByLabel('An introduction to someone').check();
    await learner.getByLabel('In a sentence').fill('An academic who has evaluated parenting programmes');
    await learner.getByRole('button', { name: 'Send request' }).click();
    await learner.getByText('Your request has been sent').waitFor();
    await assertAccessible(learner);
    for (const path of ['', '/sessions', '/my-needs']) {
      await learner.goto(`${programmeUrl}${path}`);
      await assertAccessible(learner);
    }
    for (const path of ['/cohort', '/sessions', '/challenges', '/requests', '/edit']) {
      await facilitator.goto(`${programmeUrl}${path}`);
      await assertAccessible(facilitator);
    }
    await facilitator.getByRole('link', { name: 'Programmes', exact: true }).first().click();
    await assertAccessible(facilitator);
  });
});
