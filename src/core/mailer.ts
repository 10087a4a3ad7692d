import type { Transporter } from 'nodemailer';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { mailMessages } from './db/tables.ts';

export interface OutgoingMail {
  workspaceId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text one (digests); the text part is always sent, for readers that want it. */
  html?: string;
  /** Extra headers, such as List-Unsubscribe for mail a person can turn off. */
  headers?: Record<string, string>;
  /** A calendar invitation (or its update or cancellation) that mail programs offer to add to the calendar. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export type Delivery = { status: 'sent' | 'outbox' | 'failed'; error?: string };

export interface Mailer {
  /** Whether mail really leaves the server; without SMTP it waits in the outbox page. */
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<Delivery>;
  /** Try a recorded message again (the job queue does, after a failure); 'sent' once it has gone. */
  redeliver(mailId: string, workspaceId: string | null): Promise<Delivery>;
  close(): void | Promise<void>;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Called when a message could not be sent, to have it tried again later (the app queues a job). */
  retryLater?: (mail: { mailId: string; workspaceId: string | null }) => Promise<unknown>;
}

/**
 * Every message is recorded in mail_messages. With SMTP_URL it is sent through
 * nodemailer at once and marked sent, or failed and handed to `retryLater`
 * (the job queue tries again with growing delays); without SMTP it stays in
 * the outbox for an administrator to read and pass on.
 */
export function createMailer(db: Db, options: MailerOptions): Mailer {
  // nodemailer is loaded with the first message rather than at start-up (most deployments send little mail).
  let transport: Promise<Transporter> | undefined;
  const smtp = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options.smtpUrl)));

  async function deliver(id: string, mail: Omit<OutgoingMail, 'kind'>): Promise<Delivery> {
    // Account e-mail (a password reset) belongs to no workspace.
    const thisMessage = and(sql`${mailMessages.workspaceId} is not distinct from ${mail.workspaceId}`, eq(mailMessages.id, id));
    try {
      const smtpTransport = await smtp();
      await smtpTransport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        icalEvent: mail.calendar ? { method: mail.calendar.method, content: mail.calendar.content, filename: 'invitation.ics' } : undefined,
      });
      await db.update(mailMessages).set({ status: 'sent', sentAt: new Date(), error: null }).where(thisMessage);
      return { status: 'sent' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db
        .update(mailMessages)
        .set({ status: 'failed', error: message.slice(0, 500) })
        .where(thisMessage);
      return { status: 'failed', error: message };
    }
  }

  return {
    delivers: options.smtpUrl !== undefined,
    async send(mail) {
      const [row] = await db
        .insert(mailMessages)
        .values({
          workspaceId: mail.workspaceId,
          kind: mail.kind,
          toAddress: mail.to,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html ?? null,
          headers: mail.headers ?? null,
          calendar: mail.calendar ?? null,
          status: 'outbox',
        })
        .returning({ id: mailMessages.id });
      if (!options.smtpUrl) return { status: 'outbox' };
      const delivery = await deliver(row.id, mail);
      if (delivery.status === 'failed') await options.retryLater?.({ mailId: row.id, workspaceId: mail.workspaceId });
      return delivery;
    },
    async redeliver(mailId, workspaceId) {
      const [row] = await db
        .select()
        .from(mailMessages)
        .where(and(sql`${mailMessages.workspaceId} is not distinct from ${workspaceId}`, eq(mailMessages.id, mailId)));
      if (!row || row.status === 'sent') return { status: 'sent' };
      if (!options.smtpUrl) return { status: 'outbox' };
      return deliver(row.id, {
        workspaceId,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        headers: row.headers ?? undefined,
        calendar: row.calendar ?? undefined,
      });
    },
    async close() {
      if (transport) (await transport).close();
    },
  };
}

/** The job that tries a failed message again; throwing makes the queue wait longer and try once more. */
export function mailRetryJob(mailer: Mailer) {
  return {
    name: 'mail.retry',
    label: 'E-mail sent again after a failure',
    retryLimit: 6,
    retryDelay: 60,
    handler: async (data: { mailId: string; workspaceId: string | null }) => {
      const delivery = await mailer.redeliver(data.mailId, data.workspaceId);
      if (delivery.status === 'failed') throw new Error(delivery.error ?? 'The mail server refused the message');
    },
  };
}
