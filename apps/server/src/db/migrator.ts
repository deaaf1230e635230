import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as foundation from './migrations/0001-foundation.migration.ts';
import * as syncRuns from './migrations/0002-sync-runs.migration.ts';
import * as onboarding from './migrations/0003-onboarding.migration.ts';
import * as uploadChunks from './migrations/0004-upload-chunks.migration.ts';
import * as accountTrust from './migrations/0005-account-trust.migration.ts';
import * as rateLimits from './migrations/0006-rate-limits.migration.ts';
import * as taskCounts from './migrations/0007-task-counts.migration.ts';
import * as authChanges from './migrations/0008-auth-changes.migration.ts';
import * as rentalSearchWords from './migrations/0009-rental-search-words.migration.ts';
import * as importPlaces from './migrations/0010-import-places.migration.ts';
import * as leaseEndings from './migrations/0011-lease-endings.migration.ts';
import * as achPayments from './migrations/0012-ach-payments.migration.ts';
import * as searchWordsNoPendingList from './migrations/0013-search-words-no-pending-list.migration.ts';
import * as achReturns from './migrations/0014-ach-returns.migration.ts';
import * as paidOutside from './migrations/0015-paid-outside.migration.ts';
import * as rentAlerts from './migrations/0016-rent-alerts.migration.ts';
import * as accountingPostings from './migrations/0017-accounting-postings.migration.ts';
import * as paymentTaskCounts from './migrations/0018-payment-task-counts.migration.ts';
import * as scheduledPaymentsByAccount from './migrations/0019-scheduled-payments-by-account.migration.ts';
import * as receiptsSftp from './migrations/0020-receipts-sftp.migration.ts';

/** Listed here, not read from disk, so the set of migrations is part of the build. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-sync-runs': syncRuns,
  '0003-onboarding': onboarding,
  '0004-upload-chunks': uploadChunks,
  '0005-account-trust': accountTrust,
  '0006-rate-limits': rateLimits,
  '0007-task-counts': taskCounts,
  '0008-auth-changes': authChanges,
  '0009-rental-search-words': rentalSearchWords,
  '0010-import-places': importPlaces,
  '0011-lease-endings': leaseEndings,
  '0012-ach-payments': achPayments,
  '0013-search-words-no-pending-list': searchWordsNoPendingList,
  '0014-ach-returns': achReturns,
  '0015-paid-outside': paidOutside,
  '0016-rent-alerts': rentAlerts,
  '0017-accounting-postings': accountingPostings,
  '0018-payment-task-counts': paymentTaskCounts,
  '0019-scheduled-payments-by-account': scheduledPaymentsByAccount,
  '0020-receipts-sftp': receiptsSftp,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** The names of every migration this build knows, oldest first. */
export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(migrations).sort();

/** Brings an empty or older database to exactly this migration (a restore lays its backup's schema first). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateTo(name);
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? error}`);
  }
}
