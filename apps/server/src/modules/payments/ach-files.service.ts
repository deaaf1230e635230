import { createHash } from 'node:crypto';
import type { AchFile, AchFileDetail } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { BankDelivery, SftpTarget } from '../../integrations/banking/bank-delivery.ts';
import { conflict, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import { type Account, createAchFileWriter, nextFileIdModifier, type Originator, writeAchFile, type WrittenEntry } from './ach-file.domain.ts';
import type { AchFilesRepository } from './ach-files.repository.ts';
import type { AccountNumbers } from './bank-accounts.service.ts';
import { effectiveEntryDate, fileDayFor, isBankingDay, localDateIn, localTimeIn } from './banking-calendar.domain.ts';
import { bankTargetOf } from './bank-target.ts';
import type { PaymentSettingsRow, PaymentsRepository } from './payments.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: AchFilesRepository;
  payments: PaymentsRepository;
  encryptor: Encryptor;
  delivery: BankDelivery | null;
  logger: Logger;
  now?: () => Date;
  /** Posting back to the accounting system: a settled payment's posting is made in the transaction that settles it. */
  postings?: { createForSettled(trx: Kysely<Database>, paymentIds: string[], now: Date): Promise<number> };
};

type FileRow = NonNullable<Awaited<ReturnType<AchFilesRepository['file']>>>;

function toAchFile(row: FileRow): AchFile {
  return {
    id: row.id,
    fileDate: row.file_date,
    fileIdModifier: row.file_id_modifier,
    effectiveDate: row.effective_date,
    batchCount: row.batch_count,
    entryCount: row.entry_count,
    debitTotalCents: Number(row.debit_total_cents),
    creditTotalCents: Number(row.credit_total_cents),
    paymentCount: Number(row.payment_count ?? 0),
    depositCents: Number(row.payment_cents ?? 0),
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    deliveryError: row.delivery_error,
  };
}

/** Payments read, decrypted, written and stored per round trip: a 100,000-payment day in 50 pages. */
const PAGE = 2000;

/** A reference the bank shows beside each entry: the accounting resident ID when there is one, else our own. */
const referenceOf = (accountingId: string | null, id: string) => accountingId ?? id.replaceAll('-', '').slice(0, 15);

/**
 * Each company's NACHA file for a banking day. Creating one takes the company's settings row FOR UPDATE (the
 * company's file lock) and the due payments FOR UPDATE, writes the file, its entries and the payments' trace
 * numbers in one transaction: a payment is in exactly one file, and a second run with nothing new makes none.
 * A later file the same day takes the next File ID Modifier. Delivery by SFTP follows the commit; a failure
 * is recorded on the file (it stays downloadable) and never undoes it.
 */
export function createAchFilesService({ db, repository, payments, encryptor, delivery, logger, now = () => new Date(), postings }: Deps) {
  const numbersOf = (encrypted: string) => JSON.parse(encryptor.decrypt(encrypted)) as AccountNumbers;

  /** The company's bank settings as the file writer takes them. */
  function originatorOf(settings: PaymentSettingsRow): Originator {
    return {
      immediateDestination: settings.immediate_destination,
      immediateDestinationName: settings.immediate_destination_name,
      immediateOrigin: settings.immediate_origin,
      immediateOriginName: settings.immediate_origin_name,
      companyName: settings.company_name,
      companyIdentification: settings.company_identification,
      entryDescription: settings.entry_description,
      odfiIdentification: settings.odfi_identification,
      balancedFiles: settings.balanced_files,
      settlement: { ...numbersOf(settings.settlement_account_encrypted), accountType: settings.settlement_account_type },
    };
  }

  async function createFile(companyId: string, options: { fileDay?: string; actorUserId: string | null; cutoffRun?: boolean }): Promise<AchFile | null> {
    const at = now();
    const created = await db.transaction().execute(async (trx) => {
      const settings = await payments.lockSettings(trx, companyId);
      const company = await payments.companyOf(companyId);
      if (!settings || !company) throw conflict('payments_not_set_up', 'Set up your bank’s payment settings first');
      const fileDay = options.fileDay ?? fileDayFor(at, company.timezone, settings.cutoff_time);
      if (options.cutoffRun && settings.last_cutoff_file_on === fileDay) return null;
      await repository.openDueCursor(trx, companyId, fileDay, 'regular');
      await repository.openDueCursor(trx, companyId, fileDay, 'retry');
      let page = await repository.fetchDue(trx, PAGE, 'regular');
      let retries = await repository.fetchDue(trx, PAGE, 'retry');
      const micro = await repository.accountsAwaitingMicroEntries(trx, companyId);
      if (page.length === 0 && retries.length === 0 && micro.length === 0) {
        if (options.cutoffRun) await repository.markCutoffRun(trx, companyId, fileDay);
        return null;
      }
      const modifier = nextFileIdModifier(await repository.lastModifier(trx, companyId, fileDay));
      if (!modifier) throw conflict('too_many_files', `36 files were already made for ${fileDay}: the NACHA File ID Modifier has no letter or digit left`);
      const effectiveDate = effectiveEntryDate(fileDay);
      const account = (numbers: AccountNumbers, type: 'checking' | 'savings'): Account => ({ ...numbers, accountType: type });
      const writer = createAchFileWriter({
        originator: originatorOf(settings),
        createdAt: { date: localDateIn(at, company.timezone), time: localTimeIn(at, company.timezone) },
        fileIdModifier: modifier,
        effectiveDate,
        firstTraceSequence: Number(settings.next_trace_sequence),
      });
      // The row first (its entries refer to it), its text and totals once written; nobody sees it before the commit.
      const fileId = await repository.insertFile(
        trx,
        { company_id: companyId, file_date: fileDay, file_id_modifier: modifier, effective_date: effectiveDate, content: '', sha256: '', batch_count: 0, entry_count: 0, debit_total_cents: 0, credit_total_cents: 0, created_by: options.actorUserId },
        at,
      );
      // A payment's trace number goes on its row, all in one statement at the end (a statement per page cost
      // half as much again); the file's other lines are entries of their own.
      const traced: { id: string; traceNumber: string }[] = [];
      const store = async (entries: WrittenEntry[]) => {
        const others: (WrittenEntry & { purpose: 'micro_credit' | 'micro_debit' | 'offset' })[] = [];
        for (const entry of entries) {
          if (entry.purpose === 'payment' && entry.paymentId) traced.push({ id: entry.paymentId, traceNumber: entry.traceNumber });
          else if (entry.purpose !== 'payment') others.push({ ...entry, purpose: entry.purpose });
        }
        await repository.insertEntries(trx, fileId, others);
      };
      let paymentCount = 0;
      const toFile = (rows: typeof page) =>
        rows.map((payment) => ({
          paymentId: payment.id,
          amountCents: payment.amount_cents,
          paymentType: payment.payment_type,
          reference: referenceOf(payment.accounting_resident_id, payment.resident_id),
          holderName: payment.holder_name,
          account: account(numbersOf(payment.numbers_encrypted), payment.account_type),
        }));
      for (const batch of ['regular', 'retry'] as const) {
        let rows = batch === 'regular' ? page : retries;
        while (rows.length > 0) {
          paymentCount += rows.length;
          await store(writer.payments(toFile(rows), batch));
          rows = rows.length < PAGE ? [] : await repository.fetchDue(trx, PAGE, batch);
        }
        await repository.closeDueCursor(trx, batch);
      }
      page = [];
      retries = [];
      await store(
        writer.microEntries(
          micro.map((row) => ({
            bankAccountId: row.id,
            creditsCents: [row.micro_credit_1_cents, row.micro_credit_2_cents],
            reference: row.user_id.replaceAll('-', '').slice(0, 15),
            holderName: row.holder_name,
            account: account(numbersOf(row.numbers_encrypted), row.account_type),
          })),
        ),
      );
      const written = writer.end();
      await store(written.tail);
      await repository.markInFile(trx, fileId, effectiveDate, traced, at);
      await repository.completeFile(trx, fileId, {
        content: written.content,
        sha256: createHash('sha256').update(written.content).digest('hex'),
        batch_count: written.batchCount,
        entry_count: written.entryCount,
        debit_total_cents: written.debitTotalCents,
        credit_total_cents: written.creditTotalCents,
      });
      await repository.setTraceSequence(trx, companyId, written.nextTraceSequence, options.cutoffRun ? fileDay : null);
      await recordAudit(trx, {
        actorUserId: options.actorUserId,
        companyId,
        action: 'ach_file.created',
        entityType: 'ach_file',
        entityId: fileId,
        after: { fileDate: fileDay, fileIdModifier: modifier, effectiveDate, payments: paymentCount, microEntryAccounts: micro.length, debitTotalCents: written.debitTotalCents, creditTotalCents: written.creditTotalCents, by: options.actorUserId ? 'landlord' : 'cutoff' },
      });
      return { fileId, companySlug: company.slug, fileDay, modifier, content: written.content, sftp: sftpTargetOf(settings) };
    });
    if (!created) return null;
    if (created.sftp && delivery) await deliver(created.fileId, created.sftp, `${created.companySlug}-${created.fileDay}-${created.modifier}.ach`, created.content);
    const row = await repository.file(created.fileId);
    return row ? toAchFile(row) : null;
  }

  const sftpTargetOf = (settings: PaymentSettingsRow) => bankTargetOf(settings, encryptor, settings.sftp_remote_dir);

  async function deliver(fileId: string, target: SftpTarget, name: string, content: string) {
    try {
      await delivery?.upload(target, name, content);
      await repository.recordDelivery(fileId, { deliveredAt: now() });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'Delivery failed';
      logger.warn({ fileId, reason: (error as { reason?: string }).reason }, 'NACHA file delivery by SFTP failed');
      await repository.recordDelivery(fileId, { error: message });
    }
  }

  /** The landlord's "Create file now": the entries due by today's file day. */
  async function createNow(principal: Principal): Promise<AchFile | null> {
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return createFile(companyId, { actorUserId: principal.userId });
  }

  /** The cutoff job's tick: each company past its cutoff on a banking day gets that day's file, once. */
  async function runCutoffs(): Promise<number> {
    let made = 0;
    for (const company of await repository.companiesWithSettings()) {
      const at = now();
      const today = localDateIn(at, company.timezone);
      if (!isBankingDay(today) || localTimeIn(at, company.timezone) < company.cutoff_time || company.last_cutoff_file_on === today) continue;
      try {
        if (await createFile(company.id, { fileDay: today, actorUserId: null, cutoffRun: true })) made += 1;
      } catch (error) {
        logger.error({ companyId: company.id, err: error }, 'The cutoff could not make the company’s NACHA file');
      }
    }
    return made;
  }

  function companyOf(principal: Principal) {
    if (principal.role === 'support') return null;
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return companyId;
  }

  async function list(principal: Principal): Promise<AchFile[]> {
    const companyId = companyOf(principal);
    if (!companyId) return [];
    return (await repository.files(companyId, 100)).map(toAchFile);
  }

  async function detail(principal: Principal, id: string): Promise<AchFileDetail> {
    const row = await repository.file(id);
    const companyId = companyOf(principal);
    if (!row || (companyId && row.company_id !== companyId)) throw notFound('File', 'ach_file_not_found');
    const entries = await repository.entries(id);
    return {
      ...toAchFile(row),
      entries: entries.map((entry) => ({ purpose: entry.purpose, paymentId: entry.payment_id, residentName: entry.resident_name, amountCents: Number(entry.amount_cents), isDebit: entry.is_debit, traceNumber: entry.trace_number })),
    };
  }

  /** The file's bytes, for the company's staff and support only. */
  async function download(principal: Principal, id: string) {
    const row = await repository.content(id);
    const companyId = companyOf(principal);
    if (!row || (companyId && row.company_id !== companyId)) throw notFound('File', 'ach_file_not_found');
    return { name: `${row.slug}-${row.file_date}-${row.file_id_modifier}.ach`, content: row.content };
  }

  /**
   * The CLI's `nacha`: the company's file for a banking day (default: the day a payment made now would go in).
   * Entries due make a new file; with nothing due, the day's last file is given again, byte for byte.
   */
  async function fileForDay(companyId: string, fileDay: string | undefined): Promise<{ content: string; file: AchFile; created: boolean } | null> {
    const company = await payments.companyOf(companyId);
    const settings = await payments.settingsOf(companyId);
    if (!company || !settings) throw conflict('payments_not_set_up', 'This company has no bank settings: set them on the Bank settings page first');
    const day = fileDay ?? fileDayFor(now(), company.timezone, settings.cutoff_time);
    const made = await createFile(companyId, { fileDay: day, actorUserId: null });
    const last = await repository.lastFileOn(companyId, day);
    const row = last ? await repository.file(last.id) : undefined;
    if (!last || !row) return null;
    return { content: last.content, file: toAchFile(row), created: made !== null };
  }

  /**
   * A test file for the bank's onboarding: the company's real header and batch with one $1.00 debit to a test
   * account (routing 021000021, account 123456789), made now and stored nowhere: no trace number is used up.
   */
  async function testFile(principal: Principal): Promise<{ name: string; content: string }> {
    const companyId = principal.company?.id;
    const company = companyId ? await payments.companyOf(companyId) : undefined;
    const settings = companyId ? await payments.settingsOf(companyId) : undefined;
    if (!company || !settings) throw conflict('payments_not_set_up', 'Save your bank settings first: the test file is made from them');
    const at = now();
    const fileDay = fileDayFor(at, company.timezone, settings.cutoff_time);
    const testAccount = { routingNumber: '021000021', accountNumber: '123456789', accountType: 'checking' as const };
    const written = writeAchFile({
      originator: originatorOf(settings),
      createdAt: { date: localDateIn(at, company.timezone), time: localTimeIn(at, company.timezone) },
      fileIdModifier: 'A',
      effectiveDate: effectiveEntryDate(fileDay),
      firstTraceSequence: 1,
      payments: [{ paymentId: 'test', amountCents: 100, paymentType: 'S', reference: 'TEST', holderName: 'TEST ENTRY', account: testAccount }],
      microEntries: [],
    });
    return { name: `${company.slug}-test-${fileDay}.ach`, content: written.content };
  }

  /** Payments whose effective date has come are settled (returns come in a later issue). */
  async function settleDue(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const at = now();
      const settled = await payments.settleDue(trx, localDateIn(at, 'America/New_York'), at);
      await postings?.createForSettled(trx, settled.map((payment) => payment.id), at);
      return settled.length;
    });
  }

  return { createFile, createNow, runCutoffs, list, detail, download, settleDue, fileForDay, testFile };
}

export type AchFilesService = ReturnType<typeof createAchFilesService>;
