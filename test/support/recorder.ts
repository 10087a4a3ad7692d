import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { auditTrace } from '../../src/core/audit.ts';

/**
 * With RECORD_DIR set (scripts/test.ts sets it on a whole run), each test
 * process writes down what the app did: the routes it registered, every
 * request it served with the audit rows written meanwhile, and every distinct
 * SQL statement. scripts/check-recordings.ts reads them after the run.
 */
const recordDir = process.env.RECORD_DIR;
const statementsSeen = new Set<string>();

function append(kind: 'routes' | 'sql', lines: unknown[]) {
  if (!recordDir || lines.length === 0) return;
  mkdirSync(recordDir, { recursive: true });
  appendFileSync(path.join(recordDir, `${kind}-${process.pid}.jsonl`), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}

/**
 * For openDatabase: note each statement text run while serving a request, once
 * per process (a test reading the database to check a result is not the application).
 */
export const logQuery = recordDir
  ? (sql: string) => {
      if (statementsSeen.has(sql) || !auditTrace.getStore()) return;
      statementsSeen.add(sql);
      append('sql', [sql]);
    }
  : undefined;

declare module 'fastify' {
  interface FastifyRequest {
    recordedAudits?: { actions: string[] };
  }
}

/** For buildApp: note the routes, and each request with the audit actions it wrote. */
export const instrument = recordDir
  ? (app: FastifyInstance) => {
      const registered: Array<{ method: string; url: string }> = [];
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) registered.push({ method, url: route.url });
      });
      app.addHook('onReady', async () =>
        append(
          'routes',
          registered.map((route) => ({ registered: route })),
        ),
      );
      app.addHook('onRequest', (request, _reply, done) => {
        const store = { actions: [] };
        request.recordedAudits = store;
        auditTrace.run(store, done);
      });
      app.addHook('onResponse', async (request, reply) => {
        if (!request.routeOptions.url) return;
        append('routes', [
          { served: { method: request.method, url: request.routeOptions.url, status: reply.statusCode, audits: request.recordedAudits?.actions ?? [] } },
        ]);
      });
    }
  : undefined;
