import type { CreatePayment, Payment, PaymentListQuery, PayOptions } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Mailer } from '../email/mailer.ts';
import { oneTimeAuthorizationText } from './authorization-text.domain.ts';
import type { BankAccountsService } from './bank-accounts.service.ts';
import { addCalendarDays, fileDayFor, localDateIn } from './banking-calendar.domain.ts';
import { authorizationCopyEmail } from './payment-emails.ts';
import { checkPayment, defaultPaymentAmount, describePaymentWindow, MAX_DAYS_AHEAD, maxPaymentCents, PAYMENT_LIMITS, type PaymentWindow } from './payment-rules.domain.ts';
import type { PayingResidency, PaymentFilter, PaymentRow, PaymentSettingsRow, PaymentsRepository } from './payments.repository.ts';

type Deps = { db: Kysely<Database>; repository: PaymentsRepository; bankAccounts: BankAccountsService; mailer: Mailer; appUrl: string; now?: () => Date };

export type RequestMeta = { ip: string; userAgent: string };

export function windowOf(settings: Pick<PaymentSettingsRow, 'window_from_day' | 'window_to_day'>): PaymentWindow {
  return settings.window_from_day && settings.window_to_day ? { kind: 'days', fromDay: settings.window_from_day, toDay: settings.window_to_day } : { kind: 'any_day' };
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    residentId: row.resident_id,
    residentName: `${row.first_name} ${row.last_name}`,
    accountingResidentId: row.accounting_resident_id,
    propertyName: row.property_name,
    unitLabel: row.unit_label,
    amountCents: row.amount_cents,
    status: row.status,
    statusReason: row.status_reason,
    kind: row.payment_type === 'R' ? 'autopay' : 'one_time',
    scheduledFor: row.scheduled_for,
    effectiveDate: row.effective_date,
    bankAccountLast4: row.bank_account_last4,
    traceNumber: row.trace_number,
    achFileId: row.ach_file_id,
    createdAt: row.created_at.toISOString(),
    cancellable: row.status === 'scheduled' && row.ach_file_id === null,
  };
}

/** Why a residency cannot pay online right now, in the resident's words, or null. */
function unavailableReason(residency: PayingResidency, settings: PaymentSettingsRow | undefined): string | null {
  if (!settings) return `${residency.company_name} has not set up online payments yet`;
  if (residency.payment_policy === 'blocked') return 'Your landlord has turned off online payments for your account: contact your landlord to pay';
  if (residency.do_not_accept_payments) return 'Your landlord’s records say not to accept payments from you right now: contact your landlord to pay';
  return null;
}

/**
 * One-time payments: a resident pays now (the next file) or on a date up to 60 days ahead, from a verified
 * account, under the company's rules. An Idempotency-Key makes a retried request return the payment the first
 * made; without one, the form's own key (one per visit) does the same for a double click.
 */
export function createPaymentsService({ db, repository, bankAccounts, mailer, appUrl, now = () => new Date() }: Deps) {
  async function options(principal: Principal, residentId: string): Promise<PayOptions> {
    const residency = await bankAccounts.residencyFor(principal, residentId);
    const settings = await repository.settingsOf(residency.company_id);
    const today = localDateIn(now(), residency.timezone);
    const reason = unavailableReason(residency, settings);
    return {
      residentId: residency.id,
      companyName: residency.company_name,
      available: reason === null,
      unavailableReason: reason,
      defaultAmountCents: defaultPaymentAmount(residency.balance_cents, residency.rent_cents ?? 0),
      balanceCents: residency.balance_cents,
      rentCents: residency.rent_cents,
      fullBalanceOnly: residency.payment_policy === 'full_balance_only',
      minCents: PAYMENT_LIMITS.minCents,
      maxCents: maxPaymentCents(settings?.max_payment_cents ?? null),
      paymentWindow: describePaymentWindow(settings ? windowOf(settings) : { kind: 'any_day' }),
      earliestDate: today,
      latestDate: addCalendarDays(today, MAX_DAYS_AHEAD),
    };
  }

  async function authorizationText(principal: Principal, request: { residentId: string; bankAccountId: string; amountCents: number; date?: string }, acceptedAt = now()) {
    const residency = await bankAccounts.residencyFor(principal, request.residentId);
    const account = await bankAccounts.mine(principal, request.bankAccountId);
    const date = request.date ?? localDateIn(acceptedAt, residency.timezone);
    return oneTimeAuthorizationText({
      holderName: account.holder_name,
      companyName: residency.company_name,
      accountType: account.account_type,
      last4: account.last4,
      amountCents: request.amountCents,
      date,
      acceptedAt,
      timezone: residency.timezone,
    });
  }

  async function existing(principal: Principal, key: string, request: CreatePayment): Promise<Payment | null> {
    const found = await repository.paymentByKey(principal.userId, key);
    if (!found) return null;
    if (found.resident_id !== request.residentId || found.bank_account_id !== request.bankAccountId || found.amount_cents !== request.amountCents) {
      throw new AppError('conflict', 'idempotency_key_reused', 'This Idempotency-Key was used for a different payment: use a new key for a new payment');
    }
    return paymentOf(found.id);
  }

  async function create(principal: Principal, request: CreatePayment, idempotencyKey: string | null, meta: RequestMeta): Promise<{ payment: Payment; created: boolean }> {
    if (idempotencyKey) {
      const before = await existing(principal, idempotencyKey, request);
      if (before) return { payment: before, created: false };
    }
    const residency = await bankAccounts.residencyFor(principal, request.residentId);
    const account = await bankAccounts.mine(principal, request.bankAccountId);
    if (account.company_id !== residency.company_id) {
      throw invalid([{ path: 'bankAccountId', message: `This account was added for another landlord: add it for ${residency.company_name}` }]);
    }
    const settings = await repository.settingsOf(residency.company_id);
    const reason = unavailableReason(residency, settings);
    if (!settings || reason) throw conflict('payments_unavailable', reason ?? 'Online payments are not available');
    const at = now();
    const today = localDateIn(at, residency.timezone);
    const check = checkPayment({
      amountCents: request.amountCents,
      requestedDate: request.date ?? null,
      today,
      policy: residency.payment_policy,
      doNotAcceptPayments: residency.do_not_accept_payments,
      balanceCents: residency.balance_cents,
      companyMaxCents: settings.max_payment_cents,
      window: windowOf(settings),
      accountStatus: account.status,
    });
    if (!check.ok) throw invalid([{ path: check.field, message: check.message }], check.message, check.code);
    // After the day's cutoff, "now" (or today) means the next banking day's file.
    const fileDay = fileDayFor(at, residency.timezone, settings.cutoff_time);
    const scheduledFor = request.date && request.date > fileDay ? request.date : fileDay;
    const text = await authorizationText(principal, { ...request, date: scheduledFor }, at);
    try {
      const id = await db.transaction().execute(async (trx) => {
        const authorizationId = await repository.insertAuthorization(trx, {
          company_id: residency.company_id,
          resident_id: residency.id,
          user_id: principal.userId,
          bank_account_id: account.id,
          kind: 'one_time',
          text,
          accepted_at: at,
          ip: meta.ip,
          user_agent: meta.userAgent,
        });
        const inserted = await repository.insertPayment(
          trx,
          {
            company_id: residency.company_id,
            resident_id: residency.id,
            user_id: principal.userId,
            bank_account_id: account.id,
            authorization_id: authorizationId,
            amount_cents: request.amountCents,
            payment_type: 'S',
            scheduled_for: scheduledFor,
            idempotency_key: idempotencyKey,
          },
          at,
        );
        // Another request with the same key won the race: this one's authorization goes with the rollback.
        if (!inserted.created) throw new SameKey(inserted.id);
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: residency.company_id,
          action: 'payment.created',
          entityType: 'payment',
          entityId: inserted.id,
          after: { residentId: residency.id, amountCents: request.amountCents, scheduledFor, bankAccountLast4: account.last4, authorizationId, kind: 'one_time' },
        });
        if (principal.email) {
          const email = authorizationCopyEmail({ firstName: principal.firstName, authorizationText: text, link: `${appUrl}/me/payments` });
          await mailer.queue(trx, { idempotencyKey: `payment-authorization:${authorizationId}`, companyId: residency.company_id, to: principal.email, subject: email.subject, text: email.text });
        }
        return inserted.id;
      });
      return { payment: await paymentOf(id), created: true };
    } catch (error) {
      if (error instanceof SameKey) return { payment: await paymentOf(error.paymentId), created: false };
      throw error;
    }
  }

  async function paymentOf(id: string): Promise<Payment> {
    const row = await repository.payment(id);
    if (!row) throw notFound('Payment', 'payment_not_found');
    return toPayment(row);
  }

  async function mine(principal: Principal, query: { page: number; pageSize: number; residentId?: string }) {
    const page = await repository.payments({ userId: principal.userId, residentId: query.residentId, page: query.page, pageSize: query.pageSize });
    return { items: page.items.map(toPayment), total: page.total, totalCents: page.totalCents };
  }

  async function cancel(principal: Principal, id: string): Promise<Payment> {
    const row = await repository.payment(id);
    if (!row || row.user_id !== principal.userId) throw notFound('Payment', 'payment_not_found');
    await endScheduled(principal, row, 'cancelled');
    return paymentOf(id);
  }

  /** The landlord's payments: their company's only. */
  async function companyPayments(principal: Principal, query: PaymentListQuery & { page: number; pageSize: number }) {
    const page = await repository.payments({ ...companyFilter(principal, query), page: query.page, pageSize: query.pageSize });
    return { items: page.items.map(toPayment), total: page.total, totalCents: page.totalCents };
  }

  function companyFilter(principal: Principal, query: Omit<PaymentListQuery, 'page' | 'pageSize'>): Omit<PaymentFilter, 'page' | 'pageSize'> {
    const companyId = principal.company?.id;
    if (!companyId) throw notFound('Company', 'company_not_found');
    return { companyId, status: query.status, propertyId: query.propertyId, residentId: query.residentId, from: query.from, to: query.to, q: query.q };
  }

  async function voidPayment(principal: Principal, id: string): Promise<Payment> {
    const row = await repository.payment(id);
    if (!row || row.company_id !== principal.company?.id) throw notFound('Payment', 'payment_not_found');
    await endScheduled(principal, row, 'voided');
    return paymentOf(id);
  }

  async function endScheduled(principal: Principal, row: PaymentRow, to: 'cancelled' | 'voided') {
    const at = now();
    const done = await db.transaction().execute(async (trx) => {
      const ended = await repository.endScheduled(trx, row.id, to, principal.userId, at);
      if (!ended) return false;
      await recordAudit(trx, { actorUserId: principal.userId, companyId: row.company_id, action: to === 'cancelled' ? 'payment.cancelled' : 'payment.voided', entityType: 'payment', entityId: row.id, before: { status: row.status }, after: { status: to, amountCents: row.amount_cents } });
      return true;
    });
    if (!done) {
      const now = await repository.payment(row.id);
      const what = to === 'cancelled' ? 'cancelled' : 'voided';
      if (now?.ach_file_id) throw conflict('payment_in_file', `This payment is already in the file sent to the bank, so it can no longer be ${what}; only the bank can return it`);
      throw conflict('payment_not_scheduled', `This payment is ${now?.status ?? 'gone'}, so it can no longer be ${what}`);
    }
  }

  /** Every payment a landlord's filter finds, page by page, for the CSV export. */
  function exportRows(filter: Omit<PaymentFilter, 'page' | 'pageSize'>) {
    return repository.allPayments(filter);
  }

  return { options, authorizationText, create, mine, cancel, companyPayments, companyFilter, voidPayment, paymentOf, exportRows };
}

class SameKey extends Error {
  constructor(readonly paymentId: string) {
    super('same idempotency key');
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
