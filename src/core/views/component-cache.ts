import { LRUCache } from 'lru-cache';
import nunjucks from 'nunjucks';

/**
 * GOV.UK Frontend's component macros are most of the cost of rendering a page:
 * a select with eighty organisations or the service navigation takes longer
 * than the database queries behind it. Their output depends on nothing but
 * their parameters, so the same parameters give the same HTML, which this
 * keeps in a bounded cache. Templates still call `govukSelect({...})` as the
 * GOV.UK documentation shows; the loader below swaps each component's macro
 * for one that asks the cache first.
 */

const COMPONENT_MACRO = /[\\/]govuk[\\/]components[\\/]([a-z-]+)[\\/]macro\.njk$/;
const MACRO_DEFINITION = /\{%-?\s*macro\s+(govuk\w+)\(params\)\s*-?%\}/;

/** Parameters longer than this (a long answer in a textarea) are rendered every time rather than kept. */
const MAX_KEY_LENGTH = 16_000;

/**
 * A template loader that serves GOV.UK component macros as a call to
 * `renderComponent`, except when used with `{% call %}`: a caller's body can
 * differ on every call, so those render as GOV.UK wrote them.
 */
export class ComponentMacroLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string) {
    const source = super.getSource(name);
    const component = source && COMPONENT_MACRO.exec(source.path)?.[1];
    const macro = component && MACRO_DEFINITION.exec(source.src)?.[1];
    if (!source || !component || !macro) return source;
    return {
      ...source,
      src:
        `{% macro ${macro}(params) %}` +
        `{%- if caller %}{%- include "./template.njk" -%}{% else %}{{- renderComponent("${component}", params) -}}{% endif -%}` +
        `{% endmacro %}`,
    };
  }
}

/** Add `renderComponent` to an environment: a component's HTML from its template, kept for the next call with the same parameters. */
export function addComponentCache(env: nunjucks.Environment, options: { maxChars?: number } = {}) {
  // Sized by characters held (keys and HTML), so a burst of large forms cannot grow it without limit.
  const cache = new LRUCache<string, string>({
    maxSize: options.maxChars ?? 8_000_000,
    sizeCalculation: (html, key) => html.length + key.length,
  });
  env.addGlobal('renderComponent', (component: string, params: unknown) => {
    let key: string | undefined;
    try {
      key = `${component}\u0000${JSON.stringify(params ?? {})}`;
    } catch {
      key = undefined; // parameters that cannot be written out are simply not cached
    }
    if (key !== undefined && key.length > MAX_KEY_LENGTH) key = undefined;
    let html = key === undefined ? undefined : cache.get(key);
    if (html === undefined) {
      html = env.render(`govuk/components/${component}/template.njk`, { params });
      if (key !== undefined) cache.set(key, html);
    }
    return new nunjucks.runtime.SafeString(html);
  });
  return cache;
}
