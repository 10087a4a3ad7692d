import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mentionCandidates } from './mentions.ts';

describe('reading @mentions', () => {
  it('reads each @ as the names it could start, up to four words, stopping at punctuation', () => {
    assert.deepEqual(mentionCandidates('Thanks @Janet Armstrong, and @Nkechi Ade-Bello.'), [
      ['janet', 'janet armstrong'],
      ['nkechi', 'nkechi ade-bello'],
    ]);
    assert.deepEqual(mentionCandidates('@Siân Roberts’ idea'), [['siân', 'siân roberts', 'siân roberts idea']]);
  });

  it('is not fooled by e-mail addresses, code or a lone @', () => {
    assert.deepEqual(mentionCandidates('Write to janet@example.org or see `@Janet Armstrong` and\n```\n@Rob Kaur\n```'), []);
    assert.deepEqual(mentionCandidates('@ nobody, @@ nobody, @123'), []);
  });
});
