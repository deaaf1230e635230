import type { Autopay, PutAutopay } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import type { Mailer } from '../email/mailer.ts';
import { autopayAuthorizationText } from './authorization-text.domain.ts';
import { autopayDecision, checkAutopaySettings, nextAutopayDate, reminderDate } from './autopay.domain.ts';
import type { AutopayRepository } from './autopay.repository.ts';
import type { BankAccountsService } from './bank-accounts.service.ts';
import { fileDayFor, localDateIn } from './banking-calendar.domain.ts';
import { authorizationCopyEmail, autopayReminderEmail, autopaySkippedEmail } from './payment-emails.ts';
import { windowOf } from './payments.service.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import type { RequestMeta } from './payments.service.ts';

type Deps = { db: Kysely<Database>; repository: AutopayRepository; payments: PaymentsRepository; bankAccounts: BankAccountsService; mailer: Mailer; logger: Logger; appUrl: string; now?: () => Date };

type PlanRow = NonNullable<Awaited<ReturnType<AutopayRepository['livePlanFor']>>>;

function toAutopay(row: PlanRow, today: string): Autopay {
  return {
    id: row.id,
    residentId: row.resident_id,
    bankAccountId: row.bank_account_id,
    bankAccountLast4: row.bank_account_last4,
    dayOfMonth: row.day_of_month,
    kind: row.kind,
    amountCents: row.amount_cents,
    capCents: row.cap_cents,
    status: row.status,
    nextDebitOn: row.status === 'active' ? nextDebit(row, today) : null,
  };
}

/** This month's debit day when it is still to come (or today) and this month has not run, else next month's. */
function nextDebit(row: { day_of_month: number; last_run_month: string | null }, today: string): string {
  const month = today.slice(0, 7);
  const next = nextAutopayDate(today, row.day_of_month);
  if (next.startsWith(month) && row.last_run_month === month) return nextAutopayDate(`${next.slice(0, 8)}${String(row.day_of_month + 1).padStart(2, '0')}`, row.day_of_month);
  return next;
}

/**
 * Autopay: each month on the resident's day (1-28) the plan pays a fixed amount, or the balance up to a cap.
 * Over the cap, or with nothing owed, the month is skipped and the resident (and, over the cap, the landlord) is
 * emailed. Three days before each debit the resident is reminded of the amount. A plan has its own authorization;
 * setting a new plan replaces the old one (and its authorization) for the residency.
 */
export function createAutopayService({ db, repository, payments, bankAccounts, mailer, logger, appUrl, now = () => new Date() }: Deps) {
  async function list(principal: Principal): Promise<Autopay[]> {
    const today = localDateIn(now(), 'America/New_York');
    return (await repository.livePlansOf(principal.userId)).map((row) => toAutopay(row, today));
  }

  async function put(principal: Principal, residentId: string, request: PutAutopay, meta: RequestMeta): Promise<Autopay> {
    const residency = await bankAccounts.residencyFor(principal, residentId);
    const account = await bankAccounts.mine(principal, request.bankAccountId);
    if (account.company_id !== residency.company_id) throw invalid([{ path: 'bankAccountId', message: `This account was added for another landlord: add it for ${residency.company_name}` }]);
    if (account.status !== 'verified') throw invalid([{ path: 'bankAccountId', message: 'Confirm the two small deposits to this account first' }]);
    const settings = await payments.settingsOf(residency.company_id);
    if (!settings) throw conflict('payments_unavailable', `${residency.company_name} has not set up online payments yet`);
    if (residency.payment_policy === 'blocked' || residency.do_not_accept_payments) throw conflict('payments_unavailable', 'Your landlord does not accept online payments from you right now');
    const check = checkAutopaySettings(request, { showsBalance: residency.balance_cents !== null, companyMaxCents: settings.max_payment_cents, window: windowOf(settings) });
    if (!check.ok) throw invalid([{ path: check.field, message: check.message }], check.message, check.code);
    const at = now();
    const today = localDateIn(at, residency.timezone);
    const month = today.slice(0, 7);
    const text = autopayAuthorizationText({
      holderName: account.holder_name,
      companyName: residency.company_name,
      accountType: account.account_type,
      last4: account.last4,
      dayOfMonth: request.dayOfMonth,
      acceptedAt: at,
      timezone: residency.timezone,
      ...(request.kind === 'fixed' ? { kind: 'fixed' as const, amountCents: request.amountCents ?? 0 } : { kind: 'balance' as const, capCents: request.capCents ?? 0 }),
    });
    await db.transaction().execute(async (trx) => {
      const replaced = await repository.cancelLivePlan(trx, residency.id, at);
      if (replaced) await repository.cancelScheduledOfPlan(trx, replaced.id, 'Autopay was changed', at);
      const planId = await repository.insertPlan(
        trx,
        {
          company_id: residency.company_id,
          resident_id: residency.id,
          user_id: principal.userId,
          bank_account_id: account.id,
          day_of_month: request.dayOfMonth,
          kind: request.kind,
          amount_cents: request.kind === 'fixed' ? (request.amountCents ?? null) : null,
          cap_cents: request.kind === 'balance' ? (request.capCents ?? null) : null,
          // A plan set after this month's day starts next month: nobody is debited by surprise today.
          last_run_month: Number(today.slice(8, 10)) > request.dayOfMonth ? month : null,
        },
        at,
      );
      const authorizationId = await payments.insertAuthorization(trx, { company_id: residency.company_id, resident_id: residency.id, user_id: principal.userId, bank_account_id: account.id, kind: 'autopay', autopay_plan_id: planId, text, accepted_at: at, ip: meta.ip, user_agent: meta.userAgent });
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: residency.company_id,
        action: replaced ? 'autopay.changed' : 'autopay.set',
        entityType: 'autopay_plan',
        entityId: planId,
        after: { residentId: residency.id, dayOfMonth: request.dayOfMonth, kind: request.kind, amountCents: request.amountCents ?? null, capCents: request.capCents ?? null, bankAccountLast4: account.last4, authorizationId, replaced: replaced?.id ?? null },
      });
      const email = authorizationCopyEmail({ firstName: principal.firstName, authorizationText: text, link: `${appUrl}/me/payments` });
      await mailer.queue(trx, { idempotencyKey: `payment-authorization:${authorizationId}`, companyId: residency.company_id, to: principal.email, subject: email.subject, text: email.text });
    });
    return planOf(residency.id, today);
  }

  async function planOf(residentId: string, today: string): Promise<Autopay> {
    const row = await repository.livePlanFor(residentId);
    if (!row) throw notFound('Autopay', 'autopay_not_found', 'No autopay is set up for this residency');
    return toAutopay(row, today);
  }

  async function ownPlan(principal: Principal, residentId: string) {
    const row = await repository.livePlanFor(residentId);
    if (!row || row.user_id !== principal.userId) throw notFound('Autopay', 'autopay_not_found', 'No autopay is set up for this residency');
    return row;
  }

  async function cancel(principal: Principal, residentId: string): Promise<void> {
    const plan = await ownPlan(principal, residentId);
    const at = now();
    await db.transaction().execute(async (trx) => {
      await repository.cancelLivePlan(trx, residentId, at);
      const cancelled = await repository.cancelScheduledOfPlan(trx, plan.id, 'Autopay was cancelled', at);
      await recordAudit(trx, { actorUserId: principal.userId, companyId: plan.company_id, action: 'autopay.cancelled', entityType: 'autopay_plan', entityId: plan.id, after: { cancelledPayments: cancelled.map((row) => row.id) } });
    });
  }

  async function setPaused(principal: Principal, residentId: string, paused: boolean): Promise<Autopay> {
    const plan = await ownPlan(principal, residentId);
    const at = now();
    await db.transaction().execute(async (trx) => {
      await repository.setStatus(trx, plan.id, paused ? 'paused' : 'active', at);
      await recordAudit(trx, { actorUserId: principal.userId, companyId: plan.company_id, action: paused ? 'autopay.paused' : 'autopay.resumed', entityType: 'autopay_plan', entityId: plan.id });
    });
    return planOf(residentId, localDateIn(at, 'America/New_York'));
  }

  /**
   * The run (each hour): for every active plan, the reminder once its day is 3 days away, and on its day the
   * payment or the month's skip, each claimed per month on the plan row so two processes never do it twice.
   */
  async function runDue(): Promise<{ paid: number; skipped: number; reminded: number }> {
    const counts = { paid: 0, skipped: 0, reminded: 0 };
    for (const plan of await repository.activePlans()) {
      try {
        const at = now();
        const today = localDateIn(at, plan.timezone);
        const month = today.slice(0, 7);
        const debitDay = `${month}-${String(plan.day_of_month).padStart(2, '0')}`;
        if (plan.last_run_month !== month && today >= debitDay) {
          const outcome = await runMonth(plan, month, fileDayFor(at, plan.timezone, plan.cutoff_time), at);
          counts[outcome] += 1;
        } else if (plan.last_reminded_month !== month && plan.last_run_month !== month && today >= reminderDate(debitDay) && today < debitDay) {
          if (await remind(plan, month, debitDay)) counts.reminded += 1;
        }
      } catch (error) {
        logger.error({ planId: plan.id, err: error }, 'An autopay plan could not run');
      }
    }
    return counts;
  }

  type ActivePlan = Awaited<ReturnType<AutopayRepository['activePlans']>>[number];

  async function runMonth(plan: ActivePlan, month: string, fileDay: string, at: Date): Promise<'paid' | 'skipped'> {
    const decision = autopayDecision({ kind: plan.kind, amountCents: plan.amount_cents, capCents: plan.cap_cents, balanceCents: plan.balance_cents });
    return db.transaction().execute(async (trx) => {
      if (!(await repository.claimRunMonth(trx, plan.id, month))) return 'skipped';
      if (decision.action === 'pay' && plan.authorization_id) {
        const payment = await payments.insertPayment(
          trx,
          { company_id: plan.company_id, resident_id: plan.resident_id, user_id: plan.user_id, bank_account_id: plan.bank_account_id, authorization_id: plan.authorization_id, autopay_plan_id: plan.id, amount_cents: decision.amountCents, payment_type: 'R', scheduled_for: fileDay, idempotency_key: `autopay:${plan.id}:${month}` },
          at,
        );
        await recordAudit(trx, { actorUserId: null, companyId: plan.company_id, action: 'payment.created', entityType: 'payment', entityId: payment.id, after: { residentId: plan.resident_id, amountCents: decision.amountCents, scheduledFor: fileDay, kind: 'autopay', autopayPlanId: plan.id } });
        return 'paid';
      }
      const reason = decision.action === 'skip' ? decision.message : 'Autopay has no authorization on record: set it up again';
      await recordAudit(trx, { actorUserId: null, companyId: plan.company_id, action: 'autopay.skipped', entityType: 'autopay_plan', entityId: plan.id, after: { month, reason: decision.action === 'skip' ? decision.reason : 'no_authorization', balanceCents: plan.balance_cents } });
      const email = autopaySkippedEmail({ firstName: plan.user_first_name, month, reason, link: `${appUrl}/me/payments` });
      await mailer.queue(trx, { idempotencyKey: `autopay-skipped:${plan.id}:${month}`, companyId: plan.company_id, to: plan.email, subject: email.subject, text: email.text });
      for (const staff of await payments.staffOf(plan.company_id)) {
        const text = `Hi ${staff.first_name},\n\nAutopay did not pay ${plan.resident_first_name} ${plan.resident_last_name}'s rent for ${month}: ${reason.replace(/^Autopay did not run this month: /, '').replace(/\byour\b/g, 'their').replace(/\byou\b/g, 'they')}.\n\n${appUrl}/app/residents/${plan.resident_id}\n`;
        await mailer.queue(trx, { idempotencyKey: `autopay-skipped:${plan.id}:${month}:${staff.email}`, companyId: plan.company_id, to: staff.email, subject: `Autopay skipped for ${plan.resident_first_name} ${plan.resident_last_name} (${month})`, text });
      }
      return 'skipped';
    });
  }

  async function remind(plan: ActivePlan, month: string, debitDay: string): Promise<boolean> {
    const decision = autopayDecision({ kind: plan.kind, amountCents: plan.amount_cents, capCents: plan.cap_cents, balanceCents: plan.balance_cents });
    return db.transaction().execute(async (trx) => {
      if (!(await repository.claimReminderMonth(trx, plan.id, month))) return false;
      if (decision.action !== 'pay') return false;
      const email = autopayReminderEmail({ firstName: plan.user_first_name, amountCents: decision.amountCents, date: debitDay, last4: plan.last4, link: `${appUrl}/me/payments` });
      await mailer.queue(trx, { idempotencyKey: `autopay-reminder:${plan.id}:${month}`, companyId: plan.company_id, to: plan.email, subject: email.subject, text: email.text });
      return true;
    });
  }

  /** A lease that ended (at once or on its date): its autopay is cancelled with its unsent payments, audited. */
  async function stopForEndedLease(trx: Kysely<Database>, residentId: string, at: Date): Promise<void> {
    const plan = await repository.cancelLivePlan(trx, residentId, at);
    if (!plan) return;
    const cancelled = await repository.cancelScheduledOfPlan(trx, plan.id, 'The lease ended', at);
    await recordAudit(trx, { actorUserId: null, companyId: plan.company_id, action: 'autopay.cancelled', entityType: 'autopay_plan', entityId: plan.id, after: { reason: 'lease_ended', cancelledPayments: cancelled.map((row) => row.id) } });
  }

  /** The autopay authorization as it will be stored when the resident saves the plan. */
  async function authorizationText(principal: Principal, residentId: string, request: { bankAccountId: string; dayOfMonth: number; kind: 'fixed' | 'balance'; amountCents?: number; capCents?: number }) {
    const residency = await bankAccounts.residencyFor(principal, residentId);
    const account = await bankAccounts.mine(principal, request.bankAccountId);
    const money = request.kind === 'fixed' ? { kind: 'fixed' as const, amountCents: request.amountCents ?? 0 } : { kind: 'balance' as const, capCents: request.capCents ?? 0 };
    return autopayAuthorizationText({ holderName: account.holder_name, companyName: residency.company_name, accountType: account.account_type, last4: account.last4, dayOfMonth: request.dayOfMonth, acceptedAt: now(), timezone: residency.timezone, ...money });
  }

  return { list, put, cancel, setPaused, runDue, authorizationText, stopForEndedLease };
}

export type AutopayService = ReturnType<typeof createAutopayService>;
