import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { joinDateParts } from './date-parts.ts';

describe('a GOV.UK date input’s three boxes', () => {
  it('join into one YYYY-MM-DD date, with the month as a number or a name', () => {
    assert.equal(joinDateParts({ 'startsOn-day': '5', 'startsOn-month': '1', 'startsOn-year': '2026' }).startsOn, '2026-01-05');
    assert.equal(joinDateParts({ 'startsOn-day': '27', 'startsOn-month': 'March', 'startsOn-year': '2026' }).startsOn, '2026-03-27');
    assert.equal(joinDateParts({ 'startsOn-day': ' 9 ', 'startsOn-month': 'sep', 'startsOn-year': '2026' }).startsOn, '2026-09-09');
  });

  it('leave an empty date empty, and join what is not a date as typed so the form can say so', () => {
    assert.equal(joinDateParts({ 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' }).dueOn, '');
    assert.equal(joinDateParts({ 'dueOn-day': '31', 'dueOn-month': 'Febtober', 'dueOn-year': '26' }).dueOn, '31/Febtober/26');
  });

  it('keep the boxes as typed, and leave other fields alone', () => {
    const joined = joinDateParts({ 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2026', title: 'x-day' });
    assert.equal(joined['dueOn-day'], '31');
    assert.equal(joined.title, 'x-day');
    assert.equal(joined.dueOn, '2026-02-31');
  });
});
