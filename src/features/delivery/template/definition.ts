import { RuleError } from '../../../core/http/errors.ts';
import { type TemplateDefinition, type TemplateIndicator, type TemplateMilestone, type TemplateSection, type TemplateWorkstream } from '../tables.ts';

export const templateItemKinds = ['workstreams', 'milestones', 'indicators', 'sections'] as const;
export type TemplateItemKind = (typeof templateItemKinds)[number];
export type TemplateItem = TemplateWorkstream | TemplateMilestone | TemplateIndicator | TemplateSection;
export type NewTemplateItem = Omit<TemplateWorkstream, 'key'> | Omit<TemplateMilestone, 'key'> | Omit<TemplateIndicator, 'key'> | Omit<TemplateSection, 'key'>;

export const emptyDefinition = (): TemplateDefinition => ({ workstreams: [], milestones: [], indicators: [], sections: [], nextKey: 1 });

const keyPrefix: Record<TemplateItemKind, string> = { workstreams: 'w', milestones: 'm', indicators: 'i', sections: 's' };

/**
 * The return most fostering recruitment programmes start from: the workstreams,
 * indicators and questions the department and hubs agreed for the hubs
 * programme. Facilitators change it freely afterwards.
 */
export function standardDefinition(programmeStartsOn: string): TemplateDefinition {
  const months = (n: number) => {
    const d = new Date(`${programmeStartsOn}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString().slice(0, 10);
  };
  const definition = emptyDefinition();
  const add = (kind: TemplateItemKind, item: NewTemplateItem) => addItem(definition, kind, item);
  add('workstreams', { name: 'Marketing and recruitment campaign', description: 'Shared brand, campaigns and the hub’s front door for enquiries.' });
  add('workstreams', { name: 'Enquiry handling and assessment', description: 'Speed and quality from first enquiry to fostering panel.' });
  add('workstreams', { name: 'Support and retention of carers', description: 'Peer support, training and the offer that keeps carers fostering.' });
  add('workstreams', { name: 'Data and shared systems', description: 'The hub’s shared tracker and data sharing between authorities.' });
  add('workstreams', { name: 'Governance and partnership', description: 'Hub board, agreements between authorities and links with independent agencies.' });
  add('milestones', { name: 'Hub board and partnership agreement in place', plannedOn: months(1) });
  add('milestones', { name: 'Shared recruitment brand launched', plannedOn: months(3) });
  add('milestones', { name: 'Single front door for enquiries live', plannedOn: months(4) });
  add('milestones', { name: 'Shared enquiry tracker live in every authority', plannedOn: months(6) });
  add('milestones', { name: 'Peer support offer for new carers running', plannedOn: months(8) });
  add('indicators', {
    name: 'Enquiries',
    definition: 'New enquiries about fostering received in the period, from any channel.',
    unit: 'enquiries',
    target: 30,
  });
  add('indicators', { name: 'Initial visits', definition: 'Initial home visits completed in the period.', unit: 'visits', target: 10 });
  add('indicators', { name: 'Applications', definition: 'Formal applications to be assessed received in the period.', unit: 'applications', target: 4 });
  add('indicators', { name: 'Approvals', definition: 'Fostering households approved at panel in the period.', unit: 'households', target: 2 });
  add('indicators', {
    name: 'Carers leaving',
    definition: 'Fostering households who resigned or were deregistered in the period.',
    unit: 'households',
    target: null,
    better: 'lower',
  });
  add('indicators', {
    name: 'Days from enquiry to approval',
    definition: 'Median days from first enquiry to approval for households approved in the period.',
    unit: 'days',
    target: 180,
    aggregation: 'average',
    better: 'lower',
  });
  add('sections', {
    name: 'Challenges',
    prompt: 'What has got in the way this month? Be specific: the department reads these to decide where to help.',
    purpose: 'challenges',
  });
  add('sections', { name: 'Insights and learning', prompt: 'What have you learned about what works, for whom and why?', purpose: 'insights' });
  add('sections', { name: 'Good practice', prompt: 'Anything other sites should copy? Tell us who to contact.', purpose: 'good_practice' });
  add('sections', { name: 'Support needed', prompt: 'What do you need from the hub, the programme team or the department?', purpose: 'support' });
  return definition;
}

export function addItem(definition: TemplateDefinition, kind: TemplateItemKind, item: NewTemplateItem): string {
  const key = `${keyPrefix[kind]}${definition.nextKey++}`;
  (definition[kind] as TemplateItem[]).push({ key, ...item });
  return key;
}

export function updateItem(definition: TemplateDefinition, kind: TemplateItemKind, key: string, item: NewTemplateItem): void {
  const list = definition[kind] as TemplateItem[];
  const index = list.findIndex((existing) => existing.key === key);
  if (index < 0) throw new RuleError('name', 'That item is no longer in the template; it may have been removed by someone else.');
  list[index] = { key, ...item };
}

export function removeItem(definition: TemplateDefinition, kind: TemplateItemKind, key: string): string {
  const list = definition[kind] as TemplateItem[];
  const index = list.findIndex((existing) => existing.key === key);
  if (index < 0) throw new RuleError('name', 'That item is no longer in the template; it may have been removed by someone else.');
  const [removed] = list.splice(index, 1);
  return removed.name;
}

export function moveItem(definition: TemplateDefinition, kind: TemplateItemKind, key: string, direction: 'up' | 'down'): void {
  const list = definition[kind] as TemplateItem[];
  const index = list.findIndex((existing) => existing.key === key);
  const target = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= list.length) return;
  [list[index], list[target]] = [list[target], list[index]];
}

export function itemCount(definition: TemplateDefinition): number {
  return definition.workstreams.length + definition.milestones.length + definition.indicators.length + definition.sections.length;
}
