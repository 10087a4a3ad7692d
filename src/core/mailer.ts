import type { Transporter } from 'nodemailer';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { mailMessages } from './db/tables.ts';

export interface OutgoingMail {
  workspaceId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Whether mail really leaves the server; without SMTP it waits in the outbox page. */
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<{ status: 'sent' | 'outbox' | 'failed'; error?: string }>;
  close(): void | Promise<void>;
}

/**
 * Every message is recorded in mail_messages. With SMTP_URL it is sent through
 * nodemailer and marked sent or failed; without it, it stays in the outbox for
 * an administrator to read and pass on.
 */
export function createMailer(db: Db, options: { smtpUrl?: string; from: string }): Mailer {
  // nodemailer is loaded with the first message rather than at start-up (most deployments send little mail).
  let transport: Promise<Transporter> | undefined;
  const smtp = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options.smtpUrl)));
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
          status: 'outbox',
        })
        .returning({ id: mailMessages.id });
      if (!options.smtpUrl) return { status: 'outbox' };
      try {
        await (await smtp()).sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await db.update(mailMessages).set({ status: 'sent', sentAt: new Date() }).where(eq(mailMessages.id, row.id));
        return { status: 'sent' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db
          .update(mailMessages)
          .set({ status: 'failed', error: message.slice(0, 500) })
          .where(eq(mailMessages.id, row.id));
        return { status: 'failed', error: message };
      }
    },
    async close() {
      if (transport) (await transport).close();
    },
  };
}
