import type { BankDelivery } from '../../integrations/banking/bank-delivery.ts';
import { BankDeliveryError } from '../../integrations/banking/bank-delivery.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { scrubError } from './postings.domain.ts';
import type { PostingsService } from './postings.service.ts';
import type { ReceiptsDeliveryRepository } from './receipts-delivery.repository.ts';

type Deps = {
  repository: ReceiptsDeliveryRepository;
  postings: Pick<PostingsService, 'receiptsFile'>;
  encryptor: Encryptor;
  /** The SFTP client the bank files use (integrations/banking/sftp-delivery.ts): `.part` then rename, never overwrites. */
  delivery: BankDelivery;
  logger: Logger;
  now?: () => Date;
};

/** The name a day's file gets in the company's receipts folder. */
export const receiptsFileName = (day: string) => `receipts-${day}.csv`;

/**
 * File companies' receipts CSV delivered by SFTP (issue 13): once a company-local day has ended, its file (only
 * a day with a line has one) is put in the company's receipts folder, once. A file of that name found there
 * already counts as delivered (an earlier run sent it and died before recording it). A failure is recorded,
 * scrubbed, on the day and tried again at the next run.
 */
export function createReceiptsDeliveryService({ repository, postings, encryptor, delivery, logger, now = () => new Date() }: Deps) {
  return {
    /** Sends every due day; answers how many were delivered and how many failed. */
    async deliverDue(): Promise<{ delivered: number; failed: number }> {
      const tally = { delivered: 0, failed: 0 };
      for (const due of await repository.dueDays(now())) {
        const file = await postings.receiptsFile(due.company_id, due.day);
        if (file.lines === 0) continue;
        let privateKey = '';
        try {
          privateKey = encryptor.decrypt(due.private_key_encrypted);
          const target = { host: due.host, port: due.port, username: due.username, privateKey, remoteDir: due.remote_dir, hostKeySha256: due.host_key_sha256 };
          await delivery.upload(target, receiptsFileName(due.day), file.content);
          await repository.markDelivered(due.company_id, due.day, now());
          tally.delivered += 1;
        } catch (error) {
          if (error instanceof BankDeliveryError && error.reason === 'exists') {
            await repository.markDelivered(due.company_id, due.day, now());
            tally.delivered += 1;
            continue;
          }
          const raw = error instanceof Error ? error.message : String(error);
          const message = scrubError(raw.replace(/([Tt]he) bank's SFTP server/g, '$1 receipts SFTP server').replaceAll("the bank's folder", 'the receipts folder'));
          await repository.markFailed(due.company_id, due.day, message, now());
          logger.warn({ companyId: due.company_id, day: due.day, reason: error instanceof BankDeliveryError ? error.reason : 'error' }, 'receipts SFTP delivery failed');
          tally.failed += 1;
        }
      }
      return tally;
    },
  };
}

export type ReceiptsDeliveryService = ReturnType<typeof createReceiptsDeliveryService>;
