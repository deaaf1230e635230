import type { Kysely } from 'kysely';
import type { AppConfig } from './config/config.ts';
import type { DatabaseHandle, DatabaseKind } from './db/database.ts';
import { listenTo } from './db/listener.ts';
import type { Database } from './db/database.types.ts';
import { createRateLimiters, type RateLimit, type RateLimitStore } from './lib/rate-limiter.ts';
import { openAccountingSource } from './integrations/accounting/accounting-source.ts';
import { type Logger, silentLogger } from './jobs/job-definition.ts';
import { createInlineJobs, type JobQueue, startJobWorkers } from './jobs/job-queue.ts';
import type { Encryptor } from './lib/encryption.ts';
import { createApiTokensRepository } from './modules/api-tokens/api-tokens.repository.ts';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { createAccountRepository } from './modules/auth/account.repository.ts';
import { createAccountService } from './modules/auth/account.service.ts';
import { createAuthService, type AuthService } from './modules/auth/auth.service.ts';
import { createRateLimitRepository } from './modules/auth/rate-limit.repository.ts';
import { AUTH_CHANGES_CHANNEL, createSessionCache, type SessionCache } from './modules/auth/session-cache.ts';
import { createTwoFactorService } from './modules/auth/two-factor.service.ts';
import { createCompaniesRepository } from './modules/companies/companies.repository.ts';
import { createCompaniesService } from './modules/companies/companies.service.ts';
import { createEmailRepository } from './modules/email/email.repository.ts';
import { emailJobs } from './modules/email/email.jobs.ts';
import { createMailer, createOutboxDrainer } from './modules/email/mailer.ts';
import { createIntegrationRepository } from './modules/integration/integration.repository.ts';
import { createIntegrationConnections, createIntegrationService } from './modules/integration/integration.service.ts';
import { createInvitationsRepository } from './modules/invitations/invitations.repository.ts';
import { createInvitationsService } from './modules/invitations/invitations.service.ts';
import { createPropertiesRepository } from './modules/properties/properties.repository.ts';
import { createPropertiesService } from './modules/properties/properties.service.ts';
import { createResidentsRepository } from './modules/residents/residents.repository.ts';
import { createResidentsService } from './modules/residents/residents.service.ts';
import { createSyncRunsRepository } from './modules/sync/sync-runs.repository.ts';
import { syncJobs } from './modules/sync/sync.jobs.ts';
import { createSyncService } from './modules/sync/sync.service.ts';
import { createTasksRepository } from './modules/tasks/tasks.repository.ts';
import { createNotificationsRepository } from './modules/notifications/notifications.repository.ts';
import { createNotificationsService } from './modules/notifications/notifications.service.ts';
import { onboardingJobs } from './modules/onboarding/onboarding.jobs.ts';
import { createOnboardingRepository } from './modules/onboarding/onboarding.repository.ts';
import { createOnboardingService } from './modules/onboarding/onboarding.service.ts';
import { createReviewRepository } from './modules/onboarding/review.repository.ts';
import { createReviewService } from './modules/onboarding/review.service.ts';
import { createSupportRepository } from './modules/support/support.repository.ts';
import { createSupportService } from './modules/support/support.service.ts';
import { describeHostKey } from './integrations/banking/host-key.ts';
import { createSftpDelivery } from './integrations/banking/sftp-delivery.ts';
import { createAchFilesRepository } from './modules/payments/ach-files.repository.ts';
import { createAchFilesService } from './modules/payments/ach-files.service.ts';
import { createAchReturnsRepository } from './modules/payments/ach-returns.repository.ts';
import { createAchReturnsService } from './modules/payments/ach-returns.service.ts';
import { createPaymentStatsRepository } from './modules/payments/payment-stats.repository.ts';
import { createPaymentStatsService } from './modules/payments/payment-stats.service.ts';
import { createAutopayRepository } from './modules/payments/autopay.repository.ts';
import { createAutopayService } from './modules/payments/autopay.service.ts';
import { createBankAccountsService } from './modules/payments/bank-accounts.service.ts';
import { paymentsJobs } from './modules/payments/payments.jobs.ts';
import { createPostingsRepository } from './modules/payments/postings.repository.ts';
import { createPostingsService } from './modules/payments/postings.service.ts';
import { postingsJobs } from './modules/payments/postings.jobs.ts';
import { createReceiptsDeliveryRepository } from './modules/payments/receipts-delivery.repository.ts';
import { createReceiptsDeliveryService } from './modules/payments/receipts-delivery.service.ts';
import { createRentPeriodsRepository } from './modules/payments/rent-periods.repository.ts';
import { createRentPeriodsService } from './modules/payments/rent-periods.service.ts';
import { createRentAlertsRepository } from './modules/payments/rent-alerts.repository.ts';
import { createRentAlertsService } from './modules/payments/rent-alerts.service.ts';
import { REMINDER_LOOKAHEAD_MS } from './modules/payments/rent-alerts.domain.ts';
import { rentAlertsJobs } from './modules/payments/rent-alerts.jobs.ts';
import { createPaymentSettingsService } from './modules/payments/payment-settings.service.ts';
import { createPaymentsRepository } from './modules/payments/payments.repository.ts';
import { createPaymentsService } from './modules/payments/payments.service.ts';

/**
 * The composition root: builds every repository and service from the few
 * things that differ between the server, the CLI and the tests.
 */
export type ServiceDeps = {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  jobs: JobQueue | null;
  /** Background code logs here (main.ts: pino; the CLI: the terminal); silent when not given. */
  logger?: Logger;
  encryptor: Encryptor;
  config: Pick<AppConfig, 'sessionDays' | 'appUrl' | 'smtpUrl' | 'mailFrom'> & Partial<Pick<AppConfig, 'syncBatchSize' | 'syncStaleSeconds' | 'syncBatchPauseMs' | 'signupLimitPerIp' | 'demoData'>>;
  loginLimits?: LoginLimits;
  signupLimits?: { perIp: RateLimit; perEmail: RateLimit };
  /** Where the limits count: the database unless told (every server process on it shares the counts). */
  rateLimitStore?: RateLimitStore;
  /** Resolved sessions kept in memory (a server process: `listenForAuthChanges`); without it each request looks. */
  sessionCache?: SessionCache;
};

export type LoginLimits = { perIp: RateLimit; perEmailAndIp: RateLimit; perEmail: RateLimit };

/**
 * Failed sign-ins count per email and address: ten wrong passwords from one
 * address hold that address back, not the account's owner elsewhere. Per email
 * alone the threshold is ten times higher, against guessing from many addresses.
 */
const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIp: { limit: 100, windowMs: 15 * 60 * 1000 },
  perEmailAndIp: { limit: 10, windowMs: 15 * 60 * 1000 },
  perEmail: { limit: 100, windowMs: 15 * 60 * 1000 },
};

const HOUR_MS = 60 * 60 * 1000;
/** Reset emails: a person who lost a password asks a few times; more is someone else's mailbox flooding. */
const RESET_LIMITS = { perIp: { limit: 20, windowMs: HOUR_MS }, perEmail: { limit: 5, windowMs: HOUR_MS } };
/** Each sign-up creates an account and sends email: far fewer per hour than sign-in attempts. */
export const signupLimitsFor = (perIpPerHour = 10) => ({
  perIp: { limit: perIpPerHour, windowMs: HOUR_MS },
  perEmail: { limit: 5, windowMs: HOUR_MS },
});

export function createServices({ db, databaseKind, jobs, logger = silentLogger, encryptor, config, loginLimits = DEFAULT_LOGIN_LIMITS, signupLimits = signupLimitsFor(config.signupLimitPerIp), rateLimitStore, sessionCache }: ServiceDeps) {
  // Sign-in, sign-up and reset limits count in the database: every server process on it sees the same attempts.
  const limiter = createRateLimiters(rateLimitStore ?? createRateLimitRepository(db));
  const companiesRepository = createCompaniesRepository(db);
  const companiesService = createCompaniesService({ db, repository: companiesRepository });
  const emailRepository = createEmailRepository(db);
  const mailer = createMailer({ repository: emailRepository, jobs, smtpUrl: config.smtpUrl });
  const invitationsService = createInvitationsService({ db, repository: createInvitationsRepository(db), mailer, appUrl: config.appUrl });
  const integrationRepository = createIntegrationRepository(db);

  const notificationsRepository = createNotificationsRepository(db);
  const onboardingRepository = createOnboardingRepository(db);
  const residentsService = createResidentsService({ repository: createResidentsRepository(db) });

  // Sync opens sources with the integration's connection, read from its repository, and lets a failed scheduled run retry;
  // the integration service starts runs. A run's end sends sync-run-finished (onboarding.jobs.ts re-matches pending
  // residents); without a queue it runs in this process, from inlineJobs.
  const connections = createIntegrationConnections({ repository: integrationRepository, encryptor });
  const inlineJobs = createInlineJobs(logger);
  const syncService = createSyncService({
    db,
    runs: createSyncRunsRepository(db),
    jobs,
    inlineJobs,
    logger,
    mailer,
    invitations: invitationsService,
    appUrl: config.appUrl,
    batchSize: config.syncBatchSize,
    staleSeconds: config.syncStaleSeconds,
    batchPauseMs: config.syncBatchPauseMs,
    openSource: async (run, upload) => openAccountingSource(run, upload, await connections.connectionOf(run.companyId)),
    allowScheduledRetry: connections.allowScheduledRetry,
  });
  const integrationService = createIntegrationService({ db, repository: integrationRepository, encryptor, sync: syncService });
  const reviewService = createReviewService({
    db,
    repository: createReviewRepository(db),
    mailer,
    notifications: notificationsRepository,
    integration: () => integrationService,
    leaseEnded: () => autopayService.stopForEndedLease,
    appUrl: config.appUrl,
  });
  for (const worker of onboardingJobs({ review: reviewService })) inlineJobs.handle(worker);
  const paymentsRepository = createPaymentsRepository(db);
  const bankAccountsService = createBankAccountsService({ db, repository: paymentsRepository, encryptor, mailer, notifications: notificationsRepository, appUrl: config.appUrl });
  const paymentsService = createPaymentsService({ db, repository: paymentsRepository, bankAccounts: bankAccountsService, mailer, appUrl: config.appUrl });
  const paymentSettingsService = createPaymentSettingsService({ db, repository: paymentsRepository, encryptor, hostKeyFingerprint: hostKeyFingerprintOrNull });
  const autopayService = createAutopayService({ db, repository: createAutopayRepository(db), payments: paymentsRepository, bankAccounts: bankAccountsService, mailer, logger, appUrl: config.appUrl });
  const bankDelivery = createSftpDelivery();
  // Rent alerts read the analysis; a mark paid outside resolves (or raises) the resident's alerts at once.
  const rentPeriodsService = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), afterPaidOutside: (residentId) => rentAlertsService.checkResidents([residentId]), logger });
  // Reminders look at the months as they will stand a few days from now (a due date on the 1st is reminded before it).
  const rentPeriodsAhead = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), now: () => new Date(Date.now() + REMINDER_LOOKAHEAD_MS) });
  const rentAlertsService = createRentAlertsService({ db, repository: createRentAlertsRepository(db), rentPeriods: rentPeriodsService, rentPeriodsAhead, mailer, notifications: notificationsRepository, logger, appUrl: config.appUrl });
  // Posting back to the accounting system: made when payments settle and return, sent by the accounting-post job.
  const postingsService = createPostingsService({ db, repository: createPostingsRepository(db), connectionOf: connections.connectionOf, logger });
  const achReturnsService = createAchReturnsService({ db, repository: createAchReturnsRepository(db), payments: paymentsRepository, encryptor, mailer, notifications: notificationsRepository, delivery: bankDelivery, logger, appUrl: config.appUrl, alerts: rentAlertsService, postings: postingsService });
  const receiptsDeliveryService = createReceiptsDeliveryService({ repository: createReceiptsDeliveryRepository(db), postings: postingsService, encryptor, delivery: bankDelivery, logger });
  const achFilesService = createAchFilesService({ db, repository: createAchFilesRepository(db), payments: paymentsRepository, encryptor, delivery: bankDelivery, logger, postings: postingsService });
  // With demo data the printed support sign-in works without an authenticator; a real deployment's support must enrol.
  const supportTwoFactorRequired = config.demoData === false;
  const authRepository = createAuthRepository(db);
  const accountRepository = createAccountRepository(db);
  let authService: AuthService;
  const twoFactorService = createTwoFactorService({ db, repository: accountRepository, encryptor, mailer, authService: () => authService, supportTwoFactorRequired });
  authService = createAuthService({
    repository: authRepository,
    sessionDays: config.sessionDays,
    loginLimits: { perIp: limiter('sign-in:ip', loginLimits.perIp), perEmailAndIp: limiter('sign-in:email-ip', loginLimits.perEmailAndIp), perEmail: limiter('sign-in:email', loginLimits.perEmail) },
    supportTwoFactorRequired,
    openTwoFactorChallenge: (user, meta) => twoFactorService.openChallenge(user, meta),
    sessionCache,
  });
  const accountService = createAccountService({
    db,
    repository: accountRepository,
    users: authRepository,
    authService,
    mailer,
    appUrl: config.appUrl,
    resetLimits: { perIp: limiter('password-reset:ip', RESET_LIMITS.perIp), perEmail: limiter('password-reset:email', RESET_LIMITS.perEmail) },
    // A proven email may now be matched: each pending residency gets the auto-approval sign-up would have run.
    onEmailVerified: async (userId) => {
      for (const { id } of await residentsService.pendingResidenciesOf(userId)) await reviewService.autoApprovePendingOne(id);
    },
  });

  return {
    db,
    databaseKind,
    jobs,
    mailer,
    emailRepository,
    authService,
    accountService,
    twoFactorService,
    companiesService,
    propertiesService: createPropertiesService({ db, repository: createPropertiesRepository(db), companies: companiesService }),
    apiTokensService: createApiTokensService({ db, repository: createApiTokensRepository(db) }),
    tasksRepository: createTasksRepository(db),
    auditRepository: createAuditRepository(db),
    residentsService,
    invitationsService,
    syncService,
    integrationService,
    reviewService,
    notificationsService: createNotificationsService({ repository: notificationsRepository }),
    bankAccountsService,
    paymentsService,
    achFilesService,
    autopayService,
    achReturnsService,
    postingsService,
    receiptsDeliveryService,
    rentPeriodsService,
    paymentStatsService: createPaymentStatsService({ repository: createPaymentStatsRepository(db), rentPeriods: rentPeriodsService, returns: createAchReturnsRepository(db) }),
    rentAlertsService,
    paymentSettingsService,
    supportService: createSupportService({ db, repository: createSupportRepository(db), mailer, notifications: notificationsRepository, appUrl: config.appUrl }),
    onboardingService: createOnboardingService({
      db,
      repository: onboardingRepository,
      review: reviewService,
      residents: residentsService,
      account: accountService,
      mailer,
      appUrl: config.appUrl,
      // Same budget as sign-in: per IP for any attempt, per email for repeated ones.
      signupLimits: { perIp: limiter('sign-up:ip', signupLimits.perIp), perEmail: limiter('sign-up:email', signupLimits.perEmail) },
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** A bank's host key as the settings page takes it (a fingerprint or a public key line), pinned as SHA-256; null if neither. */
function hostKeyFingerprintOrNull(input: string): string | null {
  try {
    return describeHostKey(input).sha256;
  } catch {
    return null;
  }
}

/**
 * A session cache kept true by migration 0008's notifications, over a connection of its own: what a server process
 * passes to `createServices`. Until LISTEN holds, and whenever the connection is lost, the cache is off and every
 * request looks its session up. `stop` before closing the database.
 */
export function listenForAuthChanges(database: Pick<DatabaseHandle, 'url'>, logger: Logger = silentLogger) {
  const sessionCache = createSessionCache();
  const listener = listenTo(database.url, AUTH_CHANGES_CHANNEL, {
    onNotification: (payload) => sessionCache.applyChange(payload),
    onListening: (listening) => sessionCache.setEnabled(listening),
    logger,
  });
  return { sessionCache, listener, stop: () => listener.stop() };
}

/**
 * Background work of a server process: each module's jobs (<module>.jobs.ts), worked here, and the scheduled ones
 * scheduled: sync runs and their follow-up, stale-run cleanup, scheduled syncs, review reminders, email delivery.
 */
export async function startWorkers(services: Services, jobs: JobQueue, config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>) {
  // One minute tick ran stale-run cleanup, scheduled syncs and reminders in turn; each has its own schedule now.
  await jobs.retire('scheduled-sync-tick');
  const drain = config.smtpUrl ? createOutboxDrainer({ repository: services.emailRepository, smtpUrl: config.smtpUrl, from: config.mailFrom, jobs }) : null;
  await startJobWorkers(jobs, [
    ...syncJobs({ sync: services.syncService, integration: services.integrationService }),
    ...onboardingJobs({ review: services.reviewService }),
    ...paymentsJobs({ achFiles: services.achFilesService, autopay: services.autopayService, returns: services.achReturnsService }),
    ...rentAlertsJobs({ alerts: services.rentAlertsService }),
    ...postingsJobs({ postings: services.postingsService, receiptsDelivery: services.receiptsDeliveryService }),
    ...(drain ? emailJobs({ drain }) : []),
  ]);
}
