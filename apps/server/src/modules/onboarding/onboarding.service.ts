import type { CreateResidencyRequest, RentalSearchResponse, Residency, SignupRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, forbidden, invalid, isUniqueViolation, notFound, rateLimited, waitInWords } from '../../lib/app-error.ts';
import { signupAttemptEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { RateLimiter } from '../../lib/rate-limiter.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AccountService } from '../auth/account.service.ts';
import { hashNewPassword } from '../auth/password-policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { ResidentsService } from '../residents/residents.service.ts';
import type { OnboardingRepository } from './onboarding.repository.ts';
import { parseRentalQuery, typedUnit } from './rental-search.domain.ts';
import { firstStatus } from './resident-status.domain.ts';
import { FIRST_REMINDER_MS } from './review-reminders.service.ts';
import type { ReviewService } from './review.service.ts';

type Deps = {
  db: Kysely<Database>;
  repository: OnboardingRepository;
  review: Pick<ReviewService, 'autoApprovePendingOne' | 'notifyStaffPending'>;
  residents: Pick<ResidentsService, 'residenciesOf'>;
  account: AccountService;
  mailer: Mailer;
  appUrl: string;
  signupLimits: { perIp: RateLimiter; perEmail: RateLimiter };
  now?: () => Date;
};

const tooMany = (seconds: number) => rateLimited(`Too many sign-ups. Try again in ${waitInWords(seconds)}.`, seconds);

export const CHECK_EMAIL_MESSAGE = 'Check your email: we sent a link to confirm your address. You can sign in now and tell us where you live; we match you to your lease once the email is confirmed.';

export function createOnboardingService({ db, repository, review, residents, account, mailer, appUrl, signupLimits, now = () => new Date() }: Deps) {
  /** Someone signed up with an address that has an account: its owner hears of it (at most one such email an hour). */
  async function tellOwnerOfSignupAttempt(email: string) {
    const owner = await repository.accountWithEmail(email);
    if (!owner) return;
    const hour = Math.floor(now().getTime() / 3_600_000);
    await db.transaction().execute(async (trx) => {
      await mailer.queue(trx, { idempotencyKey: `signup-attempt:${owner.id}:${hour}`, companyId: null, to: owner.email, ...signupAttemptEmail({ firstName: owner.first_name, signInLink: `${appUrl}/sign-in` }) });
      await recordAudit(trx, { actorUserId: null, companyId: null, action: 'user.signup_attempted_existing', entityType: 'user', entityId: owner.id });
    });
  }

  return {
    async signup(input: SignupRequest, meta: { ip: string; userAgent: string | null }) {
      const email = input.email.toLowerCase();
      const [byIp, byEmail] = await Promise.all([signupLimits.perIp.check(meta.ip), signupLimits.perEmail.check(email)]);
      const retry = byIp ?? byEmail;
      if (retry !== null) throw tooMany(retry);
      // Sign-ups that passed the check together, past the limit (on any server), are refused here.
      const [overIp, overEmail] = await Promise.all([signupLimits.perIp.hit(meta.ip), signupLimits.perEmail.hit(email)]);
      const over = overIp ?? overEmail;
      if (over !== null) throw tooMany(over);
      const passwordHash = await hashNewPassword(input.password);
      const checkEmail = { status: 'check_email' as const, email: input.email, message: CHECK_EMAIL_MESSAGE };
      try {
        // The email is unproven: the account starts unverified and nothing is matched until the link is followed.
        await db.transaction().execute(async (trx) => {
          const id = await repository.insertResidentAccount(trx, { email: input.email, firstName: input.firstName, lastName: input.lastName, phone: input.phone, passwordHash });
          await recordAudit(trx, { actorUserId: id, companyId: null, action: 'resident_account.created', entityType: 'user', entityId: id, after: { email: input.email, via: 'portal_signup' } });
          await account.sendVerification(trx, { id, email: input.email, firstName: input.firstName });
        });
      } catch (error) {
        if (!isUniqueViolation(error, 'users_email_unique')) throw error;
        // The same answer as for a new email, so sign-up does not tell who has an account.
        await tellOwnerOfSignupAttempt(input.email);
      }
      return checkEmail;
    },

    /** Rentals for what a resident typed; a unit typed with the address ("apt 203") is named when the property has it. */
    async searchRentals(typed: string): Promise<RentalSearchResponse['results']> {
      const query = parseRentalQuery(typed);
      if (query.text.length < 2) return [];
      const rentals = await repository.searchRentals(query, 10);
      return rentals.map(({ units, ...property }) => ({ property, units, typedUnit: typedUnit(units, query.unit) }));
    },

    /**
     * A resident states where they live. Auto-approval runs at once: exactly
     * one strong match in the landlord's books at that unit approves them with
     * the books' lease data; otherwise the landlord reviews.
     */
    async createResidency(principal: Principal, input: CreateResidencyRequest): Promise<Residency> {
      if (principal.role !== 'resident') throw forbidden();
      const property = await repository.findProperty(input.propertyId);
      if (!property) throw invalid([{ path: 'propertyId', message: 'Choose a rental from the search' }]);
      const unit = input.unitId ? await repository.findUnit(input.unitId) : undefined;
      if (input.unitId && (!unit || unit.property_id !== property.id)) throw invalid([{ path: 'unitId', message: 'Choose a unit of this property' }]);
      if (!input.unitId && !input.unitText) throw invalid([{ path: 'unitText', message: 'Tell us your unit, or pick it from the list' }]);

      const user = await repository.accountOf(principal.userId);
      const existing = await repository.liveResidencyAt(principal.userId, property.id);
      if (existing) throw conflict('residency_exists', 'You already have a residency at this property', { residentId: existing.id });

      const residentId = await db.transaction().execute(async (trx) => {
        const id = await repository.insertResident(trx, {
          company_id: property.company_id,
          user_id: principal.userId,
          property_id: property.id,
          unit_id: unit?.id ?? null,
          first_name: user.first_name,
          last_name: user.last_name,
          email: user.email,
          phone: user.phone,
          status: firstStatus('portal_signup'),
          source: 'portal_signup',
          stated_rent_cents: input.rentCents,
          stated_lease_start: input.leaseStart,
          stated_lease_end: input.leaseEnd,
          stated_unit_text: input.unitText ?? null,
          pending_since: now(),
          next_reminder_at: new Date(now().getTime() + FIRST_REMINDER_MS),
        });
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: property.company_id,
          action: 'resident.signed_up',
          entityType: 'resident',
          entityId: id,
          after: { propertyId: property.id, unitId: unit?.id ?? null, unitText: input.unitText ?? null, rentCents: input.rentCents, leaseStart: input.leaseStart, leaseEnd: input.leaseEnd },
        });
        return id;
      });

      // Until the email is proven the residency waits; verifying runs this same auto-approval.
      const approved = unit && principal.emailVerified ? await review.autoApprovePendingOne(residentId) : false;
      if (!approved) {
        await db.transaction().execute((trx) =>
          review.notifyStaffPending(trx, {
            id: residentId,
            companyId: property.company_id,
            name: `${user.first_name} ${user.last_name}`,
            place: [property.name, unit ? `unit ${unit.label}` : input.unitText ? `unit ${input.unitText} (not listed)` : null].filter(Boolean).join(', '),
          }),
        );
      }
      const mine = await residents.residenciesOf(principal.userId);
      const residency = mine.find((r) => r.id === residentId);
      if (!residency) throw notFound('Residency');
      return residency;
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
