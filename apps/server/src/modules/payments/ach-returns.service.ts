import { createHash } from 'node:crypto';
import { type NachaFile, NachaFileError, notificationsOfChange, parseOrThrow, returnEntries } from '@rentledger/formats';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { invalid, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { type AuditEntry, recordAudit, recordAudits } from '../audit/audit.repository.ts';
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
import type { PostingsService } from './postings.service.ts';
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
  alerts?: Pick<RentAlertsService, 'returnedAlerts' | 'digestStaffOf'>;
  /** Posting back to the accounting system: a posted payment gets its reversal, one not yet posted is never posted. */
  postings?: Pick<PostingsService, 'onReturnedMany'>;
  /** Returns applied this many at a time, each chunk in a few set-based statements (all of one file: one transaction). */
  chunkSize?: number;
};

/** A landlord's notice lists this many of a file's returns; the rest are counted. */
const LANDLORD_LISTED = 20;

type LandlordReturn = { payment: { id: string; resident_id: string; first_name: string; last_name: string; amount_cents: number }; words: string; status: 'disabled' | 'blocked' | null; retryOn: string | null };

/** What the landlord is told of a file's returned payments (one: today's message; more: one listing them). */
export function landlordMessage(fileId: string, returned: LandlordReturn[]): { subject: string; text: string; link: string; key: string } {
  const [only] = returned;
  if (returned.length === 1 && only) {
    const { payment, words, status, retryOn } = only;
    const amount = formatDollars(payment.amount_cents);
    return {
      subject: `Payment returned: ${payment.first_name} ${payment.last_name}, ${amount}`,
      text: `The bank returned ${payment.first_name} ${payment.last_name}'s payment of ${amount} (${words}).${retryOn ? ` It is presented again on ${retryOn}.` : ''}${status === 'blocked' ? ' Their account is blocked: the debit was reported as not authorized.' : ''}`,
      link: `/app/residents/${payment.resident_id}`,
      key: `payment-returned:${payment.id}`,
    };
  }
  const lines = returned.slice(0, LANDLORD_LISTED).map(({ payment, words, status, retryOn }) => `- ${payment.first_name} ${payment.last_name}, ${formatDollars(payment.amount_cents)}: ${words}${retryOn ? `, presented again on ${retryOn}` : ''}${status === 'blocked' ? ', account blocked' : ''}`);
  const more = returned.length - LANDLORD_LISTED;
  return {
    subject: `${returned.length} payments returned`,
    text: `The bank returned ${returned.length} payments:\n${lines.join('\n')}${more > 0 ? `\nand ${more} more.` : ''}`,
    link: '/app/payments',
    key: `return-file:${fileId}`,
  };
}

export type ReturnFileSummary = { fileId: string; alreadyRead: boolean; returns: number; nocs: number; unmatched: number; duplicates: number; retries: number };

type Outcome = 'applied' | 'unmatched' | 'duplicate';

/**
 * The bank's return and NOC files (NACHA entries with addenda 99 and 98), read for one company: uploaded, given to
 * the CLI, or fetched by SFTP. The same file read again changes nothing (its SHA-256 per company); an entry read
 * twice, in two files, is applied once (one applied row per kind and original trace number); an entry that
 * matches nothing of ours is kept as unmatched for support, never dropped. A return marks its payment `returned`
 * with the code, does to the account and the payments to come what `return-codes.domain.ts` says, presents R01
 * and R09 again within NACHA's limits, and tells each resident at once and the landlord once per file (one notice
 * and email per staff user, listing the file's returns). Returns are applied in chunks (`chunkSize`, 500), each in
 * a few set-based statements; all of one file is one transaction: a file that cannot be read, or fails half way,
 * changes nothing.
 */
export function createAchReturnsService({ db, repository, payments, encryptor, mailer, notifications, delivery, logger, appUrl, now = () => new Date(), alerts, postings, chunkSize = 500 }: Deps) {
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
      // Per file: the company's settings and clock (for retries), the trace numbers seen, the returns the landlord hears of.
      const facts: FileFacts = { settings: await payments.settingsOf(input.companyId, trx), company: await payments.companyOf(input.companyId), seen: new Set(), returned: [] };
      for (let start = 0; start < returns.length; start += chunkSize) {
        const chunk = returns.slice(start, start + chunkSize).map((entry) => ({ code: entry.reasonCode, reason: entry.reason, trace: entry.originalTraceNumber, amountCents: entry.entry.entry.amount }));
        const outcome = await applyReturns(trx, input.companyId, row.id, chunk, facts, at);
        counts.returns += outcome.applied;
        counts.unmatched += outcome.unmatched;
        counts.duplicates += outcome.duplicates;
        counts.retries += outcome.retries;
      }
      for (const entry of nocs) tally(await applyChange(trx, input.companyId, row.id, entry.changeCode, entry.reason, entry.originalTraceNumber, entry.correctedData, at), 'nocs');
      await tellLandlord(trx, input.companyId, row.id, facts.returned);
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

  type ReturnedPayment = NonNullable<ReturnType<Awaited<ReturnType<AchReturnsRepository['paymentsByTraces']>>['get']>>;
  type LandlordItem = { payment: ReturnedPayment; words: string; status: 'disabled' | 'blocked' | null; retryOn: string | null };
  type FileFacts = { settings: Awaited<ReturnType<PaymentsRepository['settingsOf']>>; company: Awaited<ReturnType<PaymentsRepository['companyOf']>>; seen: Set<string>; returned: LandlordItem[] };
  type ReturnEntry = { code: string; reason: string | undefined; trace: string; amountCents: number };
  type Tell = { companyId: string; userId: string; email: string; firstName: string; subject: string; text: string; key: string };

  /**
   * One chunk of a file's returns, set-based: the payments (locked) and micro-entries found by trace number in two
   * queries, the entries claimed in one, then each change for the whole chunk in a statement (or a few), in the
   * order one entry at a time made them. An entry whose trace number came earlier in the file is a duplicate.
   * A retry is inserted before the cancellations, so one on an account this chunk disables or blocks is cancelled.
   */
  async function applyReturns(trx: Kysely<Database>, companyId: string, fileId: string, entries: ReturnEntry[], facts: FileFacts, at: Date) {
    const tally = { applied: 0, unmatched: 0, duplicates: 0, retries: 0 };
    const traces = [...new Set(entries.map((entry) => entry.trace))];
    const paymentsBy = await repository.paymentsByTraces(trx, companyId, traces);
    const microBy = await repository.entriesByTraces(trx, companyId, traces.filter((trace) => !paymentsBy.has(trace)));
    type Row = Parameters<AchReturnsRepository['claimEntries']>[1][number];
    const others: (Row & { outcome: 'unmatched' | 'duplicate' })[] = [];
    const candidates: { entry: ReturnEntry; row: Row; payment: ReturnedPayment | undefined; micro: ReturnType<typeof microBy.get>; accountId: string | null }[] = [];
    for (const entry of entries) {
      const base = { company_id: companyId, return_file_id: fileId, kind: 'return' as const, code: entry.code, original_trace_number: entry.trace, amount_cents: entry.amountCents, corrected_data: null };
      const payment = paymentsBy.get(entry.trace);
      const micro = payment ? undefined : microBy.get(entry.trace);
      if (!payment && !micro) {
        others.push({ ...base, payment_id: null, bank_account_id: null, outcome: 'unmatched' });
        tally.unmatched += 1;
        continue;
      }
      const accountId = payment?.bank_account_id ?? micro?.bank_account_id ?? null;
      const row = { ...base, payment_id: payment?.id ?? null, bank_account_id: accountId };
      if (facts.seen.has(entry.trace)) {
        others.push({ ...row, outcome: 'duplicate' });
        tally.duplicates += 1;
        continue;
      }
      facts.seen.add(entry.trace);
      candidates.push({ entry, row, payment, micro, accountId });
    }
    const claimedBy = await repository.claimEntries(trx, candidates.map((candidate) => candidate.row));
    const microApplied: ((typeof candidates)[number] & { claimed: string; words: string })[] = [];
    const paymentsApplied: { entry: ReturnEntry; payment: ReturnedPayment; words: string; status: 'disabled' | 'blocked' | null }[] = [];
    for (const candidate of candidates) {
      const claimed = claimedBy.get(candidate.entry.trace);
      if (!claimed || candidate.payment?.status === 'returned') {
        if (claimed) throw new Error('A returned payment was claimed again');
        others.push({ ...candidate.row, outcome: 'duplicate' });
        tally.duplicates += 1;
        continue;
      }
      tally.applied += 1;
      const words = describeReturn(candidate.entry.code, candidate.entry.reason);
      if (candidate.payment) paymentsApplied.push({ entry: candidate.entry, payment: candidate.payment, words, status: accountStatusAfter(candidate.entry.code) });
      else microApplied.push({ ...candidate, claimed, words });
    }
    await repository.insertEntries(trx, others);

    const accountChanges = new Map<string, { id: string; status: 'disabled' | 'blocked'; reason: string }>();
    const cancels: { bankAccountId: string; reason: string }[] = [];
    const blocked = new Set<string>();
    const audits: AuditEntry[] = [];
    const tells: Tell[] = [];
    // A micro-entry came back: the account cannot be validated, so it cannot be debited.
    for (const { entry, accountId, micro, claimed, words } of microApplied) {
      if (accountId) {
        accountChanges.delete(accountId);
        accountChanges.set(accountId, { id: accountId, status: 'disabled', reason: `The bank returned the small deposits (${words}): enter the account again` });
      }
      if (accountId && micro?.user_id) cancels.push({ bankAccountId: accountId, reason: `The bank returned the small deposits (${words})` });
      audits.push({ actorUserId: null, companyId, action: 'bank_account.returned', entityType: 'bank_account', entityId: accountId, after: { code: entry.code, purpose: micro?.purpose } });
      if (micro?.email && micro.user_id) tells.push({ companyId, userId: micro.user_id, email: micro.email, firstName: micro.user_first_name ?? '', subject: 'Your bank returned the small deposits', text: `Your bank returned the two small deposits to the account ending ${micro.last4} (${words}). Add the account again, or another one, to pay rent online.`, key: `micro-returned:${claimed}` });
    }

    await repository.markReturnedMany(trx, paymentsApplied.map(({ entry, payment, words }) => ({ id: payment.id, code: entry.code, words })), at);
    await postings?.onReturnedMany(trx, paymentsApplied.map(({ payment }) => payment.id), at);
    await alerts?.returnedAlerts(trx, companyId, paymentsApplied.map(({ entry, payment, words }) => ({ residentId: payment.resident_id, paymentId: payment.id, month: payment.scheduled_for.slice(0, 7), amountCents: payment.amount_cents, code: entry.code, reason: words })), at);
    for (const { payment, words, status } of paymentsApplied) {
      if (!status) continue;
      accountChanges.delete(payment.bank_account_id);
      accountChanges.set(payment.bank_account_id, { id: payment.bank_account_id, status, reason: status === 'blocked' ? `Blocked after a return: ${words}. A new authorization is needed` : `Disabled after a return: ${words}. Enter the account again` });
      cancels.push({ bankAccountId: payment.bank_account_id, reason: `The bank returned a payment from this account (${words})` });
      if (status === 'blocked') blocked.add(payment.bank_account_id);
    }
    await repository.setAccountStatuses(trx, [...accountChanges.values()], at);
    const retries = await scheduleRetries(trx, companyId, paymentsApplied, facts, at);
    tally.retries = retries.size;
    await payments.cancelScheduledOnMany(trx, cancels, at);
    await repository.cancelAutopayOnAccounts(trx, [...blocked], at);

    for (const { entry, payment, words, status } of paymentsApplied) {
      const retryOn = retries.get(payment.id) ?? null;
      audits.push({ actorUserId: null, companyId, action: 'payment.returned', entityType: 'payment', entityId: payment.id, before: { status: payment.status }, after: { status: 'returned', code: entry.code, amountCents: payment.amount_cents, account: status ?? 'unchanged', retryOn } });
      const amount = formatDollars(payment.amount_cents);
      const next = retryOn ? ` We will present it again on ${retryOn}.` : status === 'blocked' ? ' The account is blocked: add an account and accept a new authorization to pay.' : status === 'disabled' ? ' Enter the account again, or another one, and pay.' : '';
      tells.push({ companyId, userId: payment.user_id, email: payment.email, firstName: payment.user_first_name, subject: `Your payment of ${amount} was returned`, text: `Your bank returned your payment of ${amount} from the account ending ${payment.last4}: ${words}.${next}`, key: `payment-returned:${payment.id}` });
      facts.returned.push({ payment, words, status, retryOn });
    }
    await recordAudits(trx, audits);
    await tellResidents(trx, tells);
    return tally;
  }

  /** The retries of a chunk's R01/R09 returns within NACHA's limits, in one INSERT: their dates by returned payment id. */
  async function scheduleRetries(trx: Kysely<Database>, companyId: string, returned: { entry: ReturnEntry; payment: ReturnedPayment }[], facts: FileFacts, at: Date): Promise<Map<string, string>> {
    const { settings, company } = facts;
    const retrying = returned.filter(({ entry }) => returnAction(entry.code) === 'retry');
    if (!settings || !company || retrying.length === 0) return new Map();
    const tries = await repository.triesOfMany(trx, [...new Set(retrying.map(({ payment }) => payment.retry_of ?? payment.id))]);
    const returnedOn = localDateIn(at, company.timezone);
    const planned: Parameters<AchReturnsRepository['insertRetries']>[1] = [];
    const dates = new Map<string, string>();
    for (const { entry, payment } of retrying) {
      const original = payment.retry_of ?? payment.id;
      const so = tries.get(original) ?? { tries: 0, originalDate: payment.scheduled_for };
      const date = retryDate({ code: entry.code, retriesAllowed: settings.retry_returns, triesSoFar: so.tries, originalDate: so.originalDate, returnedOn });
      if (!date) continue;
      dates.set(payment.id, date);
      planned.push({ returnedPaymentId: payment.id, values: { company_id: companyId, resident_id: payment.resident_id, user_id: payment.user_id, bank_account_id: payment.bank_account_id, authorization_id: payment.authorization_id, autopay_plan_id: null, amount_cents: payment.amount_cents, payment_type: payment.payment_type, scheduled_for: date, retry_of: original } });
    }
    const inserted = await repository.insertRetries(trx, planned, at);
    return new Map([...dates].filter(([paymentId]) => inserted.has(paymentId)));
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

  async function tellResident(trx: Kysely<Database>, input: Tell) {
    await tellResidents(trx, [input]);
  }

  /** Each resident one notice and one email, all in two statements. */
  async function tellResidents(trx: Kysely<Database>, tells: Tell[]) {
    if (tells.length === 0) return;
    await notifications.insert(trx, tells.map((input) => ({ userId: input.userId, kind: 'payment_returned', title: input.subject, body: input.text, link: '/me/payments' })));
    await mailer.queue(trx, tells.map((input) => ({ idempotencyKey: `resident:${input.key}`, companyId: input.companyId, to: input.email, subject: input.subject, text: `Hi ${input.firstName},\n\n${input.text}\n\n${appUrl}/me/payments\n` })));
  }

  /**
   * The landlord hears of a file's returned payments once per staff user: one return, its own notice (linking to
   * the resident); more, one notice "N payments returned" listing the first 20 and counting the rest, linking to
   * the Payments page.
   */
  async function tellLandlord(trx: Kysely<Database>, companyId: string, fileId: string, returned: LandlordItem[]) {
    if (returned.length === 0) return;
    const message = landlordMessage(fileId, returned);
    const staff = await payments.staffOf(companyId);
    await notifications.insert(trx, staff.map((user) => ({ userId: user.id, kind: 'payment_returned', title: message.subject, body: message.text, link: message.link })));
    // Staff on the daily digest get this in it (rent-alerts.service.ts), not now.
    const digest = alerts ? await alerts.digestStaffOf(companyId, trx) : new Set<string>();
    await mailer.queue(trx, staff.filter((user) => !digest.has(user.id)).map((user) => ({ idempotencyKey: `landlord:${message.key}:${user.id}`, companyId, to: user.email, subject: message.subject, text: `Hi ${user.first_name},\n\n${message.text}\n\n${appUrl}${message.link}\n` })));
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
