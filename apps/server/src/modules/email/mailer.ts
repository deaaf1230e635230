import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/database.types.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { emailDeliveryJob } from './email.jobs.ts';
import type { EmailRepository, OutgoingEmail } from './email.repository.ts';
import { textToHtml } from './email-templates.ts';

/**
 * Email goes through the outbox: written in the same transaction as the change
 * that causes it, then delivered over SMTP by a job that drains the outbox,
 * retrying each message with backoff. Without SMTP_URL mail stays in the
 * outbox, readable on the dev mailbox page.
 */
export type Mailer = {
  /**
   * Queue emails inside `trx`; an idempotency key already used is skipped. Returns how many were new.
   * `freshKeys`: each key names a row this transaction made, so no email can have used it (see insertMany).
   */
  queue(trx: Kysely<Database>, emails: OutgoingEmail | OutgoingEmail[], options?: { freshKeys?: boolean }): Promise<number>;
  delivers: boolean;
};

export function createMailer({ repository, jobs, smtpUrl }: { repository: EmailRepository; jobs: JobQueue | null; smtpUrl: string | undefined }): Mailer {
  const delivers = Boolean(smtpUrl && jobs);
  return {
    delivers,
    async queue(trx, emails, options = {}) {
      const list = Array.isArray(emails) ? emails : [emails];
      const added = await repository.insertMany(trx, list, options);
      // One drain job per transaction, however many emails it queued.
      if (added > 0 && delivers && jobs) await jobs.send(emailDeliveryJob, {}, { trx });
      return added;
    },
  };
}

const MAX_ATTEMPTS = 8;
const BATCH = 20;
const LEASE_SECONDS = 300;

/** Seconds before the next try: 30 s, 1 min, 2 min, ... capped at 1 h. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export function createOutboxDrainer({
  repository,
  smtpUrl,
  from,
  jobs,
  now = () => new Date(),
}: {
  repository: EmailRepository;
  smtpUrl: string;
  from: string;
  jobs: JobQueue;
  now?: () => Date;
}) {
  const transport = nodemailer.createTransport(smtpUrl);

  async function sendOne(email: Awaited<ReturnType<EmailRepository['claimDue']>>[number]) {
    try {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? textToHtml(email.text),
        // Lets a receiving system drop a duplicate should a retry follow a lost acknowledgement.
        messageId: `<${email.id}@rentledger>`,
      });
      await repository.markSent(email.id, now());
    } catch (error) {
      const attempts = email.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(now().getTime() + retryDelaySeconds(attempts) * 1000);
      await repository.markAttemptFailed(email.id, (error as Error).message, retryAt);
    }
  }

  /** Sends every due email, a batch at a time; schedules itself for the next retry. */
  return async function drain(): Promise<void> {
    for (;;) {
      const due = await repository.claimDue(BATCH, now(), LEASE_SECONDS);
      for (const email of due) await sendOne(email);
      if (due.length < BATCH) break;
    }
    const next = await repository.nextDueAt();
    if (next) {
      const seconds = Math.max(1, Math.ceil((next.getTime() - now().getTime()) / 1000));
      await jobs.send(emailDeliveryJob, {}, { startAfterSeconds: seconds });
    }
  };
}
