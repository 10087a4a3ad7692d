/**
 * Markdown that people write (posts, lessons, guides) turned into HTML that is
 * safe to show: `marked` renders it, raw HTML typed into it is shown as text,
 * and `sanitize-html` keeps only a small set of tags and attributes, and links
 * only to http, https and mailto addresses (never `javascript:` or `data:`).
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // HTML typed into a post is shown as the text it is, never run.
    html: ({ text }) => escapeHtml(text),
  },
});

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'hr'],
  allowedAttributes: { a: ['href', 'title', 'class', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, class: 'govuk-link', rel: 'noopener noreferrer nofollow' } }),
    // A post's headings sit under the page's own, so they start at level 3.
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
  },
};

/** Markdown as safe HTML, for a page or an e-mail. */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(markdown.parse(text) as string, allowed);
}
