import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addComponentCache } from './component-cache.ts';
import { createViewEnvironment } from './render.ts';

const page = `
{% from "govuk/components/select/macro.njk" import govukSelect %}
{% from "govuk/components/input/macro.njk" import govukInput %}
{% from "govuk/components/textarea/macro.njk" import govukTextarea %}
{% from "govuk/components/fieldset/macro.njk" import govukFieldset %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{% from "govuk/components/service-navigation/macro.njk" import govukServiceNavigation %}
{{ govukServiceNavigation({ navigationLabel: "Workspace", navigation: navigation }) }}
{% for chosen in ["", "b", "c", "b"] %}
  {{ govukSelect({ id: "org", name: "org", label: { text: "Organisation" }, items: items | selectItems(chosen, "Any") }) }}
{% endfor %}
{{ govukInput({ id: "name", name: "name", label: { text: "Name" }, value: hostile, errorMessage: { text: "Enter a shorter name" } }) }}
{{ govukTextarea({ id: "bio", name: "bio", label: { text: "Bio" }, value: long }) }}
{% for body in ["first", "second"] %}
  {% call govukFieldset({ legend: { text: "Dates" } }) %}<p>{{ body }}</p>{% endcall %}
{% endfor %}
{% for text in ["Lead", "Contact", "Lead"] %}{{ govukTag({ text: text, classes: "govuk-tag--grey" }) }}{% endfor %}
`;

const context = {
  navigation: [
    { text: 'Home', href: '/w/x', active: false },
    { text: 'People', href: '/w/x/people', active: true },
  ],
  items: [
    { value: 'a', text: 'Gateshead Council' },
    { value: 'b', text: 'Sunderland City Council' },
    { value: 'c', text: 'Newcastle City Council' },
  ],
  hostile: '<script>alert("x")</script>',
  long: 'A long answer. '.repeat(2_000),
};

describe('GOV.UK component cache', () => {
  it('renders exactly what the GOV.UK macros render, call after call', () => {
    const cached = createViewEnvironment({ cacheComponents: true });
    const plain = createViewEnvironment({ cacheComponents: false });
    const expected = plain.renderString(page, context);
    // Twice: the second render is served from the cache.
    assert.equal(cached.renderString(page, context), expected);
    assert.equal(cached.renderString(page, context), expected);
  });

  it('keeps calls with different parameters apart, escapes text and keeps caller bodies', () => {
    const html = createViewEnvironment({ cacheComponents: true }).renderString(page, context);
    const selected = [...html.matchAll(/<option value="(\w*)" selected>/g)].map((match) => match[1]);
    assert.deepEqual(selected, ['', 'b', 'c', 'b']);
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('<p>first</p>') && html.includes('<p>second</p>'));
    assert.equal(html.match(/govuk-tag--grey">\s*Lead/g)?.length, 2);
    assert.ok(html.includes('A long answer. A long answer.'));
  });

  it('holds a bounded amount, however many different forms are rendered', () => {
    const env = createViewEnvironment({ cacheComponents: true });
    const cache = addComponentCache(env, { maxChars: 200_000 });
    for (let i = 0; i < 300; i++) env.renderString(page, { ...context, hostile: `Name ${i} `.repeat(50) });
    assert.ok(cache.size > 0);
    assert.ok(cache.calculatedSize <= 200_000, `holds ${cache.calculatedSize} characters`);
  });
});
