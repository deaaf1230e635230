import { createHash } from 'node:crypto';
import { type NachaFile, NachaFileError, notificationsOfChange, parseOrThrow, returnEntries } from '@rentledger/formats';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { invalid, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import type { AchReturnsRepository } from './ach-returns.repository.ts';
import type { BankDelivery } from '../../integrations/banking/bank-delivery.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import type { AccountNumbers } from './bank-accounts.service.ts';
import { bankTargetOf } from './bank-target.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { formatDollars } from './payment-rules.domain.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import { accountStatusAfter, correctionOf, describeReturn, returnAction, returnRateLevels, retryDate } from './return-codes.domain.ts';
import { last4 } from './routing-number.domain.ts';
import type { RentAlertsService } from './rent-alerts.service.ts';

type Deps = {
  db: Kysely<Database>;
  repository: AchReturnsRepository;
  payments: PaymentsRepository;
  encryptor: Encryptor;
  mailer: Mailer;
  notifications: NotificationsRepository;
  delivery: BankDelivery | null;
  logger: Logger;
  appUrl: string;
  now?: () => Date;
  /** Rent alerts: the returned alert in the return's transaction, and which staff get alert emails in a digest. */
  alerts?: Pick<RentAlertsService, 'returnedAlert' | 'digestStaffOf'>;
  /** Posting back to the accounting system: a posted payment gets its reversal, one not yet posted is never posted. */
  postings?: { onReturned(trx: Kysely<Database>, paymentId: string, at: Date): Promise<unknown> };
};

export type ReturnFileSummary = { fileId: string; alreadyRead: boolean; returns: number; nocs: number; unmatched: number; duplicates: number; retries: number };

type Outcome = 'applied' | 'unmatched' | 'duplicate';

/**
 * The bank's return and NOC files (NACHA entries with addenda 99 and 98), read for one company: uploaded, given to
 * the CLI, or fetched by SFTP. The same file read again changes nothing (its SHA-256 per company); an entry read
 * twice, in two files, is applied once (one applied row per kind and original trace number); an entry that
 * matches nothing of ours is kept as unmatched for support, never dropped. A return marks its payment `returned`
 * with the code, does to the account and the payments to come what `return-codes.domain.ts` says, presents R01
 * and R09 again within NACHA's limits, and tells the resident and the landlord at once. All of one file is one
 * transaction: a file that cannot be read, or fails half way, changes nothing.
 */
export function createAchReturnsService({ db, repository, payments, encryptor, mailer, notifications, delivery, logger, appUrl, now = () => new Date(), alerts, postings }: Deps) {
  function read(content: string): NachaFile {
    try {
      return parseOrThrow(content);
    } catch (error) {
      if (error instanceof NachaFileError) {
        const details = error.errors.slice(0, 20).map((problem) => ({ path: `line ${problem.line}`, message: `${problem.field} ${problem.reason}` }));
        throw invalid(details, `This is not a NACHA file we can read: ${details[0]?.path}: ${details[0]?.message}`, 'return_file_invalid');
      }
      throw error;
    }
  }

  async function readReturnFile(input: { companyId: string; name: string; content: string; source: 'upload' | 'cli' | 'sftp'; actorUserId: string | null }): Promise<ReturnFileSummary> {
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const before = await repository.fileBySha(input.companyId, sha256);
    if (before) return { fileId: before.id, alreadyRead: true, returns: before.returns, nocs: before.nocs, unmatched: before.unmatched, duplicates: 0, retries: 0 };
    const file = read(input.content);
    const returns = returnEntries(file);
    const nocs = notificationsOfChange(file);
    const at = now();
    const summary = await db.transaction().execute(async (trx) => {
      const row = await repository.insertFile(trx, { company_id: input.companyId, name: input.name.slice(0, 255), sha256, source: input.source, read_by: input.actorUserId }, at);
      if (!row) return null;
      const counts = { fileId: row.id, alreadyRead: false, returns: 0, nocs: 0, unmatched: 0, duplicates: 0, retries: 0 };
      const tally = (outcome: Outcome, kind: 'returns' | 'nocs') => {
        if (outcome === 'applied') counts[kind] += 1;
        else if (outcome === 'unmatched') counts.unmatched += 1;
        else counts.duplicates += 1;
      };
      for (const entry of returns) {
        const { outcome, retried } = await applyReturn(trx, input.companyId, row.id, entry.reasonCode, entry.reason, entry.originalTraceNumber, entry.entry.entry.amount, at);
        tally(outcome, 'returns');
        if (retried) counts.retries += 1;
      }
      for (const entry of nocs) tally(await applyChange(trx, input.companyId, row.id, entry.changeCode, entry.reason, entry.originalTraceNumber, entry.correctedData, at), 'nocs');
      await repository.setFileCounts(trx, row.id, { returns: counts.returns, nocs: counts.nocs, unmatched: counts.unmatched });
      await recordAudit(trx, { actorUserId: input.actorUserId, companyId: input.companyId, action: 'ach_return_file.read', entityType: 'ach_return_file', entityId: row.id, after: { name: input.name, source: input.source, ...counts } });
      return counts;
    });
    if (summary) return summary;
    // The same bytes were read by a concurrent call, which committed first: its outcome is this one's.
    const other = await repository.fileBySha(input.companyId, sha256);
    if (!other) throw new Error('A return file vanished after a concurrent read');
    return { fileId: other.id, alreadyRead: true, returns: other.returns, nocs: other.nocs, unmatched: other.unmatched, duplicates: 0, retries: 0 };
  }

  async function applyReturn(trx: Kysely<Database>, companyId: string, fileId: string, code: string, reason: string | undefined, trace: string, amountCents: number, at: Date): Promise<{ outcome: Outcome; retried: boolean }> {
    const base = { company_id: companyId, return_file_id: fileId, kind: 'return' as const, code, original_trace_number: trace, amount_cents: amountCents, corrected_data: null };
    const payment = await repository.paymentByTrace(trx, companyId, trace);
    const micro = payment ? undefined : await repository.entryByTrace(trx, companyId, trace);
    if (!payment && !micro) {
      await repository.insertEntry(trx, { ...base, payment_id: null, bank_account_id: null, outcome: 'unmatched' });
      return { outcome: 'unmatched', retried: false };
    }
    const accountId = payment?.bank_account_id ?? micro?.bank_account_id ?? null;
    const claimed = await repository.claimEntry(trx, { ...base, payment_id: payment?.id ?? null, bank_account_id: accountId });
    if (!claimed || payment?.status === 'returned') {
      if (claimed) throw new Error('A returned payment was claimed again');
      await repository.insertEntry(trx, { ...base, payment_id: payment?.id ?? null, bank_account_id: accountId, outcome: 'duplicate' });
      return { outcome: 'duplicate', retried: false };
    }
    const words = describeReturn(code, reason);
    if (!payment) {
      // A micro-entry came back: the account cannot be validated, so it cannot be debited.
      if (accountId) await repository.setAccountStatus(trx, accountId, 'disabled', `The bank returned the small deposits (${words}): enter the account again`, at);
      if (accountId && micro?.user_id) await payments.cancelScheduledOn(trx, accountId, `The bank returned the small deposits (${words})`, at);
      await recordAudit(trx, { actorUserId: null, companyId, action: 'bank_account.returned', entityType: 'bank_account', entityId: accountId, after: { code, purpose: micro?.purpose } });
      if (micro?.email && micro.user_id) await tellResident(trx, { companyId, userId: micro.user_id, email: micro.email, firstName: micro.user_first_name ?? '', subject: 'Your bank returned the small deposits', text: `Your bank returned the two small deposits to the account ending ${micro.last4} (${words}). Add the account again, or another one, to pay rent online.`, key: `micro-returned:${claimed}` });
      return { outcome: 'applied', retried: false };
    }
    await repository.markReturned(trx, payment.id, code, words, at);
    await postings?.onReturned(trx, payment.id, at);
    await alerts?.returnedAlert(trx, { companyId, residentId: payment.resident_id, paymentId: payment.id, month: payment.scheduled_for.slice(0, 7), amountCents: payment.amount_cents, code, reason: words }, at);
    const status = accountStatusAfter(code);
    if (status) {
      await repository.setAccountStatus(trx, payment.bank_account_id, status, status === 'blocked' ? `Blocked after a return: ${words}. A new authorization is needed` : `Disabled after a return: ${words}. Enter the account again`, at);
      await payments.cancelScheduledOn(trx, payment.bank_account_id, `The bank returned a payment from this account (${words})`, at);
      if (status === 'blocked') await repository.cancelAutopayOnAccount(trx, payment.bank_account_id, at);
    }
    const retry = await scheduleRetry(trx, companyId, payment, code, at);
    await recordAudit(trx, { actorUserId: null, companyId, action: 'payment.returned', entityType: 'payment', entityId: payment.id, before: { status: payment.status }, after: { status: 'returned', code, amountCents: payment.amount_cents, account: status ?? 'unchanged', retryOn: retry?.date ?? null } });
    const amount = formatDollars(payment.amount_cents);
    const next = retry ? ` We will present it again on ${retry.date}.` : status === 'blocked' ? ' The account is blocked: add an account and accept a new authorization to pay.' : status === 'disabled' ? ' Enter the account again, or another one, and pay.' : '';
    await tellResident(trx, { companyId, userId: payment.user_id, email: payment.email, firstName: payment.user_first_name, subject: `Your payment of ${amount} was returned`, text: `Your bank returned your payment of ${amount} from the account ending ${payment.last4}: ${words}.${next}`, key: `payment-returned:${payment.id}` });
    await tellLandlord(trx, companyId, { subject: `Payment returned: ${payment.first_name} ${payment.last_name}, ${amount}`, text: `The bank returned ${payment.first_name} ${payment.last_name}'s payment of ${amount} (${words}).${retry ? ` It is presented again on ${retry.date}.` : ''}${status === 'blocked' ? ' Their account is blocked: the debit was reported as not authorized.' : ''}`, link: `/app/residents/${payment.resident_id}`, key: `payment-returned:${payment.id}` });
    return { outcome: 'applied', retried: retry !== null };
  }

  type ReturnedPayment = NonNullable<Awaited<ReturnType<AchReturnsRepository['paymentByTrace']>>>;

  async function scheduleRetry(trx: Kysely<Database>, companyId: string, payment: ReturnedPayment, code: string, at: Date) {
    if (returnAction(code) !== 'retry') return null;
    const settings = await payments.settingsOf(companyId, trx);
    const company = await payments.companyOf(companyId);
    if (!settings || !company) return null;
    const original = payment.retry_of ?? payment.id;
    const { tries, originalDate } = await repository.triesOf(trx, original);
    const date = retryDate({ code, retriesAllowed: settings.retry_returns, triesSoFar: tries, originalDate, returnedOn: localDateIn(at, company.timezone) });
    if (!date) return null;
    const id = await repository.insertRetry(
      trx,
      { company_id: companyId, resident_id: payment.resident_id, user_id: payment.user_id, bank_account_id: payment.bank_account_id, authorization_id: payment.authorization_id, autopay_plan_id: null, amount_cents: payment.amount_cents, payment_type: payment.payment_type, scheduled_for: date, retry_of: original },
      payment.id,
      at,
    );
    return id ? { id, date } : null;
  }

  async function applyChange(trx: Kysely<Database>, companyId: string, fileId: string, code: string, reason: string | undefined, trace: string, correctedData: string, at: Date): Promise<Outcome> {
    const base = { company_id: companyId, return_file_id: fileId, kind: 'noc' as const, code, original_trace_number: trace, amount_cents: 0, corrected_data: correctedData };
    const payment = await repository.paymentByTrace(trx, companyId, trace);
    const micro = payment ? undefined : await repository.entryByTrace(trx, companyId, trace);
    const accountId = payment?.bank_account_id ?? micro?.bank_account_id ?? null;
    if (!accountId) {
      await repository.insertEntry(trx, { ...base, payment_id: null, bank_account_id: null, outcome: 'unmatched' });
      return 'unmatched';
    }
    const claimed = await repository.claimEntry(trx, { ...base, payment_id: payment?.id ?? null, bank_account_id: accountId });
    if (!claimed) {
      await repository.insertEntry(trx, { ...base, payment_id: payment?.id ?? null, bank_account_id: accountId, outcome: 'duplicate' });
      return 'duplicate';
    }
    const account = await repository.lockAccount(trx, accountId);
    const correction = correctionOf(code, correctedData);
    if (account && correction) {
      const numbers = JSON.parse(encryptor.decrypt(account.numbers_encrypted)) as AccountNumbers;
      const next: AccountNumbers = { routingNumber: correction.routingNumber ?? numbers.routingNumber, accountNumber: correction.accountNumber ?? numbers.accountNumber };
      await repository.correctAccount(trx, account.id, { numbers_encrypted: encryptor.encrypt(JSON.stringify(next)), fingerprint: encryptor.fingerprint(`${next.routingNumber}:${next.accountNumber}`), last4: last4(next.accountNumber), account_type: correction.accountType ?? account.account_type }, at);
      await recordAudit(trx, { actorUserId: null, companyId, action: 'bank_account.corrected', entityType: 'bank_account', entityId: account.id, after: { code, changed: Object.keys(correction), last4: last4(next.accountNumber) } });
      const email = payment?.email ?? micro?.email;
      if (email) {
        await tellResident(trx, { companyId, userId: account.user_id, email, firstName: payment?.user_first_name ?? micro?.user_first_name ?? '', subject: 'Your bank updated your account details', text: `Your bank told us of a change to the account ending ${account.last4} (${code} ${(reason ?? '').toLowerCase()}). We updated it${correction.accountNumber ? `; it now ends ${last4(next.accountNumber)}` : ''}, so your next payment goes to the right account.`, key: `noc:${claimed}` });
      }
    }
    return 'applied';
  }

  async function tellResident(trx: Kysely<Database>, input: { companyId: string; userId: string; email: string; firstName: string; subject: string; text: string; key: string }) {
    await notifications.insert(trx, [{ userId: input.userId, kind: 'payment_returned', title: input.subject, body: input.text, link: '/me/payments' }]);
    await mailer.queue(trx, { idempotencyKey: `resident:${input.key}`, companyId: input.companyId, to: input.email, subject: input.subject, text: `Hi ${input.firstName},\n\n${input.text}\n\n${appUrl}/me/payments\n` });
  }

  async function tellLandlord(trx: Kysely<Database>, companyId: string, input: { subject: string; text: string; link: string; key: string }) {
    const staff = await payments.staffOf(companyId);
    await notifications.insert(trx, staff.map((user) => ({ userId: user.id, kind: 'payment_returned', title: input.subject, body: input.text, link: input.link })));
    // Staff on the daily digest get this in it (rent-alerts.service.ts), not now.
    const digest = alerts ? await alerts.digestStaffOf(companyId, trx) : new Set<string>();
    await mailer.queue(trx, staff.filter((user) => !digest.has(user.id)).map((user) => ({ idempotencyKey: `landlord:${input.key}:${user.id}`, companyId, to: user.email, subject: input.subject, text: `Hi ${user.first_name},\n\n${input.text}\n\n${appUrl}${input.link}\n` })));
  }

  /** The landlord's upload. */
  async function upload(principal: Principal, name: string, content: string): Promise<ReturnFileSummary> {
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return readReturnFile({ companyId, name, content, source: 'upload', actorUserId: principal.userId });
  }

  /** The files read (a landlord: their company's; support: every company's) and the entries that matched nothing. */
  async function list(principal: Principal) {
    const companyId = principal.role === 'support' ? null : (principal.company?.id ?? null);
    if (principal.role !== 'support' && !companyId) throw notFound('Company', 'company_not_found');
    const [files, unmatched] = await Promise.all([repository.files(companyId, 100), repository.unmatched(companyId, 200)]);
    const rates = companyId ? returnRateLevels(await repository.returnCounts(companyId, new Date(now().getTime() - 60 * 24 * 60 * 60 * 1000))) : null;
    return {
      files: files.map((file) => ({ id: file.id, companyName: file.company_name, name: file.name, source: file.source, returns: file.returns, nocs: file.nocs, unmatched: file.unmatched, readAt: file.read_at.toISOString() })),
      unmatched: unmatched.map((entry) => ({ id: entry.id, companyName: entry.company_name, fileName: entry.file_name, kind: entry.kind, code: entry.code, originalTraceNumber: entry.original_trace_number, amountCents: Number(entry.amount_cents), createdAt: entry.created_at.toISOString() })),
      returnRates: rates,
    };
  }

  /**
   * The `ach-fetch-returns` job: each company whose bank leaves return files in an SFTP folder has the files it has
   * not fetched yet downloaded and read (a file's name once; its bytes once, whatever the name). A company whose
   * bank cannot be reached is logged and tried again next time; the others go on.
   */
  async function fetchFromBanks(): Promise<number> {
    if (!delivery) return 0;
    let read = 0;
    for (const settings of await repository.companiesFetchingReturns()) {
      const target = bankTargetOf(settings, encryptor, settings.sftp_returns_dir);
      if (!target) continue;
      try {
        const seen = await repository.fetchedNames(settings.company_id);
        for (const name of await delivery.list(target)) {
          if (seen.has(name)) continue;
          const content = (await delivery.download(target, name)).toString('latin1');
          await readReturnFile({ companyId: settings.company_id, name, content, source: 'sftp', actorUserId: null });
          read += 1;
        }
      } catch (error) {
        logger.warn({ companyId: settings.company_id, reason: (error as { reason?: string }).reason, code: (error as { code?: string }).code }, 'Fetching return files from the bank failed');
      }
    }
    return read;
  }

  return { readReturnFile, upload, list, fetchFromBanks };
}

export type AchReturnsService = ReturnType<typeof createAchReturnsService>;
