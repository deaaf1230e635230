import type { BankAccount, CreateBankAccount } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { bankAccountRemovedEmail } from './payment-emails.ts';
import { checkMicroEntryConfirmation, microEntryAmounts, MICRO_ENTRY_TRIES } from './micro-entries.domain.ts';
import type { BankAccountRow, PayingResidency, PaymentsRepository } from './payments.repository.ts';
import { checkAccountNumber, checkRoutingNumber, last4 } from './routing-number.domain.ts';

type Deps = {
  db: Kysely<Database>;
  repository: PaymentsRepository;
  encryptor: Encryptor;
  mailer: Mailer;
  notifications: NotificationsRepository;
  appUrl: string;
  now?: () => Date;
  random?: () => number;
};

/** The audit action of each outcome of confirming the micro-entries. */
const VERIFY_ACTIONS = { verified: 'bank_account.verified', wrong: 'bank_account.verify_failed', locked: 'bank_account.locked' } as const;

/** What is encrypted for an account: both numbers together, so neither is ever stored in the clear. */
export type AccountNumbers = { routingNumber: string; accountNumber: string };

export function toBankAccount(row: BankAccountRow): BankAccount {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    holderName: row.holder_name,
    last4: row.last4,
    accountType: row.account_type,
    status: row.status,
    statusReason: row.status_reason,
    triesLeft: row.status === 'validating' ? Math.max(0, MICRO_ENTRY_TRIES - row.verify_tries) : 0,
    microEntriesSentOn: row.micro_entries_sent_on,
    createdAt: row.created_at.toISOString(),
    verifiedAt: row.verified_at?.toISOString() ?? null,
  };
}

/**
 * A resident's bank accounts. An account belongs to one landlord's residency: that company's bank sends the
 * micro-entries (NACHA's WEB debit rule: an account is validated before its first debit) and, once the resident
 * confirms the two amounts, its debits. An account that already had a settled debit through the company counts
 * as validated.
 */
export function createBankAccountsService({ db, repository, encryptor, mailer, notifications, appUrl, now = () => new Date(), random = Math.random }: Deps) {
  async function residencyFor(principal: Principal, residentId: string | undefined): Promise<PayingResidency> {
    const residencies = await repository.payingResidencies(principal.userId, residentId);
    if (residentId) {
      const residency = residencies[0];
      if (!residency) throw notFound('Residency', 'residency_not_found', 'No approved residency of yours has that ID');
      return residency;
    }
    if (residencies.length === 1 && residencies[0]) return residencies[0];
    if (residencies.length === 0) throw conflict('no_approved_residency', 'You can add a bank account once your landlord has approved your residency');
    throw invalid([{ path: 'residentId', message: 'Choose which rental this account pays for' }], 'Choose which rental this account pays for');
  }

  async function mine(principal: Principal, id: string): Promise<BankAccountRow> {
    const row = await repository.bankAccount(id);
    if (!row || row.user_id !== principal.userId) throw notFound('Bank account', 'bank_account_not_found');
    return row;
  }

  async function list(principal: Principal): Promise<BankAccount[]> {
    return (await repository.bankAccountsOf(principal.userId)).map(toBankAccount);
  }

  async function add(principal: Principal, request: CreateBankAccount & { routingNumber: string; accountNumber: string }): Promise<BankAccount> {
    const routing = checkRoutingNumber(request.routingNumber);
    const account = checkAccountNumber(request.accountNumber);
    const problems = [
      ...(routing.ok ? [] : [{ path: 'routingNumber', message: routing.message }]),
      ...(account.ok ? [] : [{ path: 'accountNumber', message: account.message }]),
    ];
    if (problems.length > 0 || !routing.ok || !account.ok) throw invalid(problems, problems[0]?.message);
    const residency = await residencyFor(principal, request.residentId);
    if (!(await repository.settingsOf(residency.company_id))) {
      throw conflict('payments_not_set_up', `${residency.company_name} has not set up online payments yet: pay them the way you do today, and we will email you when you can pay here`);
    }
    const numbers: AccountNumbers = { routingNumber: routing.routingNumber, accountNumber: account.accountNumber };
    const fingerprint = encryptor.fingerprint(`${numbers.routingNumber}:${numbers.accountNumber}`);
    const validated = await repository.hasSettledDebit(residency.company_id, fingerprint);
    const [first, second] = microEntryAmounts(random);
    const at = now();
    const id = await db.transaction().execute(async (trx) => {
      const inserted = await repository.insertBankAccount(
        trx,
        {
          company_id: residency.company_id,
          user_id: principal.userId,
          holder_name: request.holderName.trim(),
          account_type: request.accountType,
          numbers_encrypted: encryptor.encrypt(JSON.stringify(numbers)),
          fingerprint,
          last4: last4(numbers.accountNumber),
          micro_credit_1_cents: first,
          micro_credit_2_cents: second,
          status: validated ? 'verified' : 'validating',
          verified_at: validated ? at : null,
        },
        at,
      );
      if (!inserted) return null;
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: residency.company_id,
        action: 'bank_account.added',
        entityType: 'bank_account',
        entityId: inserted.id,
        after: { last4: last4(numbers.accountNumber), accountType: request.accountType, status: validated ? 'verified' : 'validating', validatedBy: validated ? 'settled_debit' : 'micro_entries' },
      });
      return inserted.id;
    });
    if (!id) throw conflict('bank_account_exists', 'You already added this account');
    return toBankAccount(await mine(principal, id));
  }

  async function verify(principal: Principal, id: string, amountsCents: [number, number]): Promise<BankAccount> {
    const row = await mine(principal, id);
    if (row.status === 'verified') return toBankAccount(row);
    if (row.status === 'locked') throw conflict('bank_account_locked', lockedMessage(row.company_name));
    if (!row.micro_entries_sent_on) {
      throw conflict('micro_entries_not_sent', 'The two small deposits go to your bank with the next daily file: confirm them once they show on your statement (usually the next banking day)');
    }
    const at = now();
    const outcome = await db.transaction().execute(async (trx) => {
      const locked = await repository.lockBankAccount(trx, id);
      if (!locked || locked.status !== 'validating') return null;
      const result = checkMicroEntryConfirmation([locked.micro_credit_1_cents, locked.micro_credit_2_cents], amountsCents, locked.verify_tries);
      const tries = locked.verify_tries + (result.outcome === 'verified' ? 0 : 1);
      if (result.outcome === 'verified') {
        await repository.updateBankAccount(trx, id, { status: 'verified', verified_at: at, status_reason: null }, at);
      } else if (result.outcome === 'locked') {
        await repository.updateBankAccount(trx, id, { status: 'locked', verify_tries: tries, status_reason: 'Locked after 3 wrong tries confirming the two small deposits' }, at);
      } else {
        await repository.updateBankAccount(trx, id, { verify_tries: tries }, at);
      }
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: locked.company_id,
        action: VERIFY_ACTIONS[result.outcome],
        entityType: 'bank_account',
        entityId: id,
        after: { status: result.outcome === 'wrong' ? 'validating' : result.outcome, tries },
      });
      return result;
    });
    if (outcome?.outcome === 'wrong') {
      const left = outcome.triesLeft;
      throw invalid([{ path: 'amountsCents', message: `Those are not the amounts we sent. ${left} ${left === 1 ? 'try' : 'tries'} left` }], `Those are not the amounts we sent. ${left} ${left === 1 ? 'try' : 'tries'} left`, 'micro_entries_wrong');
    }
    const after = await mine(principal, id);
    if (after.status === 'locked') throw conflict('bank_account_locked', lockedMessage(after.company_name));
    return toBankAccount(after);
  }

  /** Removed: future payments on it are cancelled and autopay on it stops, and the resident is told. */
  async function remove(principal: Principal, id: string): Promise<{ cancelledPayments: number; autopayCancelled: boolean }> {
    const row = await mine(principal, id);
    const at = now();
    return db.transaction().execute(async (trx) => {
      const locked = await repository.lockBankAccount(trx, id);
      if (!locked) return { cancelledPayments: 0, autopayCancelled: false };
      await repository.updateBankAccount(trx, id, { removed_at: at }, at);
      const cancelled = await repository.cancelScheduledOn(trx, id, `The bank account ending ${row.last4} was removed`, at);
      const autopay = await repository.cancelAutopayOn(trx, id, at);
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: row.company_id,
        action: 'bank_account.removed',
        entityType: 'bank_account',
        entityId: id,
        before: { last4: row.last4, status: row.status },
        after: { cancelledPayments: cancelled.map((payment) => payment.id), autopayCancelled: autopay > 0 },
      });
      if (cancelled.length > 0 || autopay > 0) {
        const email = bankAccountRemovedEmail({ firstName: principal.firstName, last4: row.last4, cancelled, autopayCancelled: autopay > 0, link: `${appUrl}/me/payments` });
        await mailer.queue(trx, { idempotencyKey: `bank-account-removed:${id}`, companyId: row.company_id, to: principal.email, ...email });
        await notifications.insert(trx, [{ userId: principal.userId, kind: 'bank_account_removed', title: email.subject, body: email.summary, link: '/me/payments' }]);
      }
      return { cancelledPayments: cancelled.length, autopayCancelled: autopay > 0 };
    });
  }

  /** The numbers, for the file that debits the account (never for an answer). */
  function numbersOf(row: { numbers_encrypted: string }): AccountNumbers {
    return JSON.parse(encryptor.decrypt(row.numbers_encrypted)) as AccountNumbers;
  }

  /** A landlord's view of a resident's accounts: status and reason (a locked account says why), the last 4 only. */
  async function ofResident(principal: Principal, residentId: string): Promise<BankAccount[]> {
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return (await repository.bankAccountsOfResident(companyId, residentId)).map(toBankAccount);
  }

  return { list, add, verify, remove, numbersOf, residencyFor, mine, ofResident };
}

function lockedMessage(companyName: string) {
  return `This account is locked after 3 wrong tries confirming the two small deposits. Remove it and add it again to get two new deposits, or ask ${companyName} for help`;
}

export type BankAccountsService = ReturnType<typeof createBankAccountsService>;
