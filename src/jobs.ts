/**
 * Every background job, defined in one place from what each feature offers:
 * the app registers these on its queue, and servers with JOB_WORKERS work them.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { refreshPlannerStatistics, type Database } from './core/db/client.ts';
import type { JobDefinition, JobQueue } from './core/jobs.ts';
import { mailRetryJob, type Mailer } from './core/mailer.ts';
import { purgeExpiredSessions } from './features/accounts/sessions.ts';
import { runRoundAutomation } from './features/delivery/rounds/automation.ts';
import { EMERGING_THEMES_JOB, runEmergingThemesJob, type EmergingThemesRequest } from './features/delivery/themes/find-emerging-themes.ts';
import { failInterruptedImports } from './features/evidence/import/import-queries.ts';
import { EVIDENCE_IMPORT_JOB, runEvidenceImportJob, type EvidenceImportJob } from './features/evidence/import/run-import.ts';
import { indexUnindexedPeople } from './features/people/search-text.ts';
import { indexUnindexedProgrammes, indexUnindexedSessions } from './features/programmes/search-text.ts';
import { workspaces } from './core/db/tables.ts';
import { NOTIFICATION_EMAIL_JOB, sendNotificationEmails } from './features/notifications/send-email.ts';
import type { ViewEnvironment } from './core/views/render.ts';
import { runScheduledBackup, SCHEDULED_BACKUP_JOB } from './features/backups/scheduled-backup.ts';
import { applyRetention } from './features/privacy/apply-retention.ts';
import { purgeExpiredAttempts } from './features/sso/attempts.ts';
import { deliverDue, dispatchEvents, pruneWebhookHistory, WEBHOOK_DELIVERY_JOB } from './features/webhooks/deliver-webhooks.ts';

export function backgroundJobs(deps: {
  config: Config;
  database: Database;
  mailer: Mailer;
  jobs: JobQueue;
  views: ViewEnvironment;
  log: FastifyBaseLogger;
}): Array<JobDefinition<object>> {
  const { config, database, mailer, jobs, views, log } = deps;
  return [
    mailRetryJob(mailer) as JobDefinition<object>,
    {
      // Expired sessions and reset links, imports a stopped server left half-way; and on PGlite, which has no
      // autovacuum, fresh planner statistics.
      name: 'maintenance.hourly',
      label:
        'Hourly clean-up: old sessions and reset links, stopped imports, webhook history over 30 days, people, sessions and programmes missing from search, planner statistics',
      schedule: '0 * * * *',
      retryLimit: 2,
      handler: async () => {
        await purgeExpiredSessions(database.db, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours });
        await failInterruptedImports(database.db, (importId) => jobs.pending(EVIDENCE_IMPORT_JOB, importId));
        await pruneWebhookHistory(database.db);
        await purgeExpiredAttempts(database.db);
        // People saved before the index held them (or written straight to the database) become findable.
        for (const workspace of await database.db.select({ id: workspaces.id }).from(workspaces)) {
          await indexUnindexedPeople(database.db, workspace.id);
          await indexUnindexedSessions(database.db, workspace.id);
          await indexUnindexedProgrammes(database.db, workspace.id);
        }
        if (database.kind === 'pglite') await refreshPlannerStatistics(database.db);
      },
    },
    {
      // Rounds that open themselves and reminders that go out on their day (each programme chooses); each e-mail is
      // claimed in the database before it is sent, so it goes once.
      name: 'delivery.round-automation',
      label: 'Checkpoint rounds opened, reminded and chased on schedule',
      schedule: '5 * * * *',
      retryLimit: 2,
      handler: async () => {
        const run = await runRoundAutomation(database.db, { mailer, publicUrl: config.publicUrl });
        if (run.opened || run.reminded || run.chased) log.info(run, 'checkpoint rounds opened or reminded on schedule');
      },
    },
    {
      // Each minute: e-mail what is due, straight away or as the 7am daily and Monday weekly digests. Every notification
      // is claimed before its e-mail is written, so none goes twice even if two servers ran this at once.
      name: NOTIFICATION_EMAIL_JOB,
      label: 'Notification e-mails and digests sent',
      schedule: '* * * * *',
      retryLimit: 1,
      expireInSeconds: 10 * 60,
      handler: async () => {
        const run = await sendNotificationEmails(database.db, { mailer, views, publicUrl: config.publicUrl });
        if (run.emails) log.info(run, 'notification e-mails sent');
      },
    },
    {
      // Clustering thousands of answers takes longer than a page should wait.
      name: EMERGING_THEMES_JOB,
      label: 'Emerging themes looked for in uncoded answers',
      retryLimit: 2,
      handler: async (data: EmergingThemesRequest) => {
        await runEmergingThemesJob(database.db, data);
      },
    } as JobDefinition<EmergingThemesRequest> as JobDefinition<object>,
    {
      // Thousands of records take longer than a request should; any server's workers write them, all or nothing.
      name: EVIDENCE_IMPORT_JOB,
      label: 'Evidence imported from a reference file',
      // A server stopped half-way leaves nothing written: the job starts again after it expires.
      retryLimit: 3,
      expireInSeconds: 60 * 60,
      handler: async (data: EvidenceImportJob) => {
        await runEvidenceImportJob(database, data);
      },
    } as JobDefinition<EvidenceImportJob> as JobDefinition<object>,
    {
      // Sent as soon as an operation publishes an event, and each minute to pick up what a stopped server left; a failed
      // delivery is tried again later by the delivery itself (its own wait), so the job is not retried.
      name: WEBHOOK_DELIVERY_JOB,
      label: 'Webhook events sent to other systems',
      schedule: '* * * * *',
      retryLimit: 0,
      expireInSeconds: 15 * 60,
      handler: async () => {
        await dispatchEvents(database.db, config.publicUrl);
        const run = await deliverDue(database.db, config.outboundAllowedHosts);
        if (run.delivered || run.failed || run.retrying) log.info(run, 'webhook events sent');
        // Wake the queue when the soonest retry is due, rather than at the next minute after it.
        if (run.nextRetryInSeconds !== undefined && run.nextRetryInSeconds < 60)
          await jobs.send(WEBHOOK_DELIVERY_JOB, {}, { startAfterSeconds: run.nextRetryInSeconds });
      },
    },
    {
      // Each night: records older than each workspace keeps them (its privacy settings) are deleted, and the audit log says so.
      name: 'privacy.retention',
      label: 'Records older than the workspace keeps them deleted',
      schedule: '15 3 * * *',
      retryLimit: 2,
      handler: async () => {
        const purged = await applyRetention(database.db);
        if (purged.length) log.info({ purged }, 'retention rules applied');
      },
    },
    ...(config.backups.dir ? [scheduledBackupJob(database, { ...config.backups, dir: config.backups.dir }, log)] : []),
  ];
}

/** Backups on a schedule, where BACKUP_DIR is set: on PGlite the only way to back up while the server runs. */
function scheduledBackupJob(database: Database, backups: { dir: string; schedule: string; keep: number }, log: FastifyBaseLogger): JobDefinition<object> {
  return {
    name: SCHEDULED_BACKUP_JOB,
    label: 'Backup of the whole database written on schedule',
    schedule: backups.schedule,
    retryLimit: 2,
    retryDelay: 5 * 60,
    expireInSeconds: 2 * 60 * 60,
    handler: async () => {
      const run = await runScheduledBackup(database, backups);
      log.info({ file: run.made.file, rows: run.made.rows, bytes: run.made.bytes, removed: run.removed }, 'scheduled backup written');
    },
  };
}
