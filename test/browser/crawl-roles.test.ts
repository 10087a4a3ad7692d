import { describeCrawl } from '../support/crawl.ts';

describeCrawl(['Participant', 'Site lead', 'Department lead']);
