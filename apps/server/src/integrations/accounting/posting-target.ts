import type { AccountingProvider, PaymentPosting, PostingResult } from './accounting-provider.ts';
import { SourceError } from './accounting-provider.ts';
import type { Connection } from './accounting-source.ts';
import { createBuildiumProvider } from './buildium/buildium.provider.ts';
import { createYardiSoapProvider } from './yardi/yardi-soap.provider.ts';

/**
 * The provider a posting is sent through: the company's Buildium or Yardi connection, with its secrets. Posting
 * to Buildium also needs the income GL account a payment line is booked to (`paymentGlAccountId` in the
 * Buildium settings); the provider refuses to post without it.
 */
export function openPostingProvider(system: 'buildium' | 'yardi', connection: Connection): AccountingProvider {
  if (connection.provider !== system) throw new SourceError(`The company's accounting connection is now ${connection.provider}, not ${system}: connect ${system} again to post this`);
  if (system === 'buildium') {
    const settings = connection.settings.buildium as { baseUrl: string; clientId: string; paymentGlAccountId?: number } | undefined;
    if (!settings || !connection.secrets.buildiumClientSecret) throw new SourceError('Buildium is not configured: set its URL, client ID and secret');
    return createBuildiumProvider({ ...settings, clientSecret: connection.secrets.buildiumClientSecret });
  }
  const settings = connection.settings.yardi as { url: string; userName: string; serverName: string; database: string; propertyIds: string[] } | undefined;
  if (!settings || !connection.secrets.yardiPassword) throw new SourceError('Yardi is not configured: set its URL, user name, password, server, database and property IDs');
  return createYardiSoapProvider({ ...settings, password: connection.secrets.yardiPassword });
}

/** What the posting job tells a provider beyond the posting: an earlier send of it went unanswered. */
export type SendMark = { mayBeRecorded?: boolean };
/**
 * A provider's answer with what the job must know to decide what comes next: `unanswered` (no answer came, the
 * posting may be in the ledger) and `permanent` (trying again cannot help; the landlord must act).
 */
export type SendResult = PostingResult & { unanswered?: boolean; permanent?: boolean };
export type SentPosting = PaymentPosting & SendMark;
