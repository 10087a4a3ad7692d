import { describeCrawl } from '../support/crawl.ts';

// One file for every role: two files crawling side by side made the whole suite slower on two cores (909 s against 763 s).
describeCrawl(['Administrator', 'Participant', 'Site lead', 'Department lead', 'Facilitator']);
