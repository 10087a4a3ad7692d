import { diffLines, diffWords } from 'diff';
import { randomBytes } from 'node:crypto';
import { escapeXml as escape } from '../../core/views/svg.ts';
import type { GuideContent, GuideSectionContent, GuideStepContent } from './tables.ts';

/** A short key for a new section or step, which stays with it through every version (comments and progress hang on it). */
export const newKey = () => randomBytes(6).toString('hex');

export function findStep(content: GuideContent, stepKey: string): { section: GuideSectionContent; step: GuideStepContent } | undefined {
  for (const section of content.sections) {
    const step = section.steps.find((s) => s.key === stepKey);
    if (step) return { section, step };
  }
  return undefined;
}

export const stepsOf = (content: GuideContent) => content.sections.flatMap((section) => section.steps);

/**
 * A guide as Markdown: the export, and the text two versions are compared
 * in. Linked lessons and evidence are named by their titles when given.
 */
export function guideMarkdown(content: GuideContent, titles: Map<string, { title: string }> = new Map(), heading?: string): string {
  const parts = [`# ${content.title}`];
  if (heading) parts.push(heading);
  if (content.summary) parts.push(content.summary);
  content.sections.forEach((section, s) => {
    parts.push(`## ${s + 1}. ${section.title}`);
    section.steps.forEach((step, i) => {
      parts.push(`### ${s + 1}.${i + 1} ${step.title}`);
      if (step.guidance) parts.push(step.guidance);
      if (step.checklist.length) parts.push(step.checklist.map((item) => `- [ ] ${item}`).join('\n'));
      const links = [
        ...step.lessonIds.map((id) => `- Lesson: ${titles.get(id)?.title ?? 'a lesson no longer in the workspace'}`),
        ...step.evidenceIds.map((id) => `- Evidence: ${titles.get(id)?.title ?? 'an item no longer in the library'}`),
      ];
      if (links.length) parts.push(links.join('\n'));
    });
  });
  return `${parts.join('\n\n')}\n`;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed' | 'changed' | 'gap';
  /** Escaped HTML: words added in <ins>, removed in <del>. */
  html: string;
}

/**
 * The difference between two versions as readers read it: line by line,
 * with a changed line shown once with its removed and added words marked,
 * rather than as two unrelated lines.
 */
export function compareVersions(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const words = diffWords(part.value, next.value);
      const html = words.map((w) => (w.added ? `<ins>${escape(w.value)}</ins>` : w.removed ? `<del>${escape(w.value)}</del>` : escape(w.value))).join('');
      // One block, so a word marked across a line break keeps its tags whole.
      lines.push({
        kind: 'changed',
        html: html
          .trim()
          .replace(/\n+/g, '<br>')
          .replace(/(?:<br>)+(<\/(?:ins|del)>)/g, '$1'),
      });
      i += 1;
      continue;
    }
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const line of part.value.split('\n').filter((l) => l.trim())) lines.push({ kind, html: escape(line) });
  }
  return withContext(lines);
}

/** Lines of context kept either side of a change; longer unchanged stretches are folded to one line saying how many. */
const CONTEXT = 2;

function withContext(lines: DiffLine[]): DiffLine[] {
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((line) => line.kind !== 'same'));
  const kept: DiffLine[] = [];
  let folded = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (folded) kept.push({ kind: 'gap', html: `… ${folded} unchanged line${folded === 1 ? '' : 's'}` });
      folded = 0;
      kept.push(line);
    } else folded += 1;
  });
  if (folded) kept.push({ kind: 'gap', html: `… ${folded} unchanged line${folded === 1 ? '' : 's'}` });
  return kept;
}
