import type { SearchableDocument } from '../search/index-documents.ts';

export interface EvidenceText {
  id: string;
  title: string;
  authors: string[];
  publisher: string;
  abstract: string;
  summary: string;
  policyImplications: string;
  population: string;
  geography: string;
  keywords?: string[];
}

/** What of an evidence item search matches: its title, and every text a reader would recognise it by. */
export function evidenceDocument(item: EvidenceText): SearchableDocument {
  return {
    kind: 'evidence',
    sourceId: item.id,
    title: item.title,
    body: [item.summary, item.abstract, item.policyImplications].filter(Boolean).join('\n'),
    keywords: [item.authors.join('; '), item.publisher, item.population, item.geography, (item.keywords ?? []).join('; ')].filter(Boolean).join('\n'),
  };
}

/** Attachments are documents of their own in the index, so a long report does not drown its item's title. */
export const ATTACHMENT_KIND = 'evidence_file';

export function attachmentDocument(attachment: { id: string; label: string; extractedText: string }, itemTitle: string): SearchableDocument {
  return { kind: ATTACHMENT_KIND, sourceId: attachment.id, title: attachment.label, body: attachment.extractedText, keywords: itemTitle };
}
