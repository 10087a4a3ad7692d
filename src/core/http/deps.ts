import type { Config } from '../../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs.ts';
import type { Mailer } from '../mailer.ts';
import type { ViewEnvironment } from '../views/render.ts';

/** What route handlers reach through `app.deps`: the same objects in the server, the CLI and tests. */
export interface Deps {
  config: Config;
  database: Database;
  db: Database['db'];
  mailer: Mailer;
  jobs: JobQueue;
  views: ViewEnvironment;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}
