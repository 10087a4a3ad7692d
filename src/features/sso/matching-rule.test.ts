import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchingRule } from './sign-in-with-sso.ts';

describe('matchingRule', () => {
  const rule = (over: object) => ({
    id: '',
    position: 1,
    emailDomain: null,
    claimName: null,
    claimValue: null,
    organisationId: null,
    organisationName: null,
    role: 'member' as const,
    ...over,
  });
  it('takes the first rule that matches the domain exactly, or a claim holding the value (alone or in a list)', () => {
    const rules = [
      rule({ emailDomain: 'dluhc.gov.uk', role: 'viewer' }),
      rule({ claimName: 'groups', claimValue: 'bw-staff', role: 'facilitator' }),
      rule({ claimName: 'level', claimValue: '3' }),
    ];
    assert.equal(matchingRule(rules, { email: 'a@dluhc.gov.uk', all: { groups: ['bw-staff'] } })?.role, 'viewer');
    assert.equal(matchingRule(rules, { email: 'a@sub.dluhc.gov.uk', all: { groups: ['x', 'bw-staff'] } })?.role, 'facilitator');
    assert.equal(matchingRule(rules, { email: 'a@x.org', all: { groups: 'bw-staff' } })?.role, 'facilitator');
    assert.equal(matchingRule(rules, { email: 'a@x.org', all: { level: 3 } })?.role, 'member');
    assert.equal(matchingRule(rules, { email: 'a@x.org', all: { groups: [{ id: 'bw-staff' }] } }), undefined);
    assert.equal(matchingRule(rules, { email: undefined, all: {} }), undefined);
  });
});
