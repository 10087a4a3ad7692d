import { describeCrawl } from '../support/crawl.ts';

describeCrawl(['Administrator', 'Facilitator']);
