import { MAX_PAYMENT_STATS_MONTHS, type PaymentStats, type PaymentStatsQuery } from '@rentledger/contracts';
import { invalid, notFound } from '../../lib/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { AchReturnsRepository } from './ach-returns.repository.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { addMonths, monthSpan, monthsBetween, monthTally } from './payment-stats.domain.ts';
import type { PaymentStatsRepository } from './payment-stats.repository.ts';
import { returnRateLevels } from './return-codes.domain.ts';
import type { RentPeriodsService } from './rent-periods.service.ts';

type Deps = {
  repository: PaymentStatsRepository;
  rentPeriods: Pick<RentPeriodsService, 'analyzeResidents'>;
  returns: Pick<AchReturnsRepository, 'returnCounts'>;
  now?: () => Date;
};

/** The return rates' window, as the Bank returns panel counts it. */
const RETURN_WINDOW_DAYS = 60;

/**
 * "Sufficient and on time" at company scale: the rent period analysis of every approved, current and finished
 * resident (`analyzeResidents`, a batch at a time, nothing kept per resident), counted per property and month and
 * for the company (payment-stats.domain.ts), beside the 60-day return rates against NACHA's thresholds. Computed
 * when asked, like the analysis itself, so it is never stale. A landlord gets their company; support names one.
 */
export function createPaymentStatsService({ repository, rentPeriods, returns, now = () => new Date() }: Deps) {
  function companyFor(principal: Principal, requested: string | undefined): string {
    if (principal.role === 'support') {
      if (!requested) throw invalid([{ path: 'companyId', message: 'Support names the company: companyId' }]);
      return requested;
    }
    const own = principal.company?.id;
    if (!own || (requested !== undefined && requested !== own)) throw notFound('Company', 'company_not_found');
    return own;
  }

  async function stats(principal: Principal, query: PaymentStatsQuery): Promise<PaymentStats> {
    if (query.from > query.to) throw invalid([{ path: 'from', message: `The first month (${query.from}) comes after the last (${query.to})` }]);
    if (monthSpan(query.from, query.to) > MAX_PAYMENT_STATS_MONTHS) throw invalid([{ path: 'to', message: `At most ${MAX_PAYMENT_STATS_MONTHS} months at a time: choose a last month up to ${addMonths(query.from, MAX_PAYMENT_STATS_MONTHS - 1)}` }]);
    const companyId = companyFor(principal, query.companyId);
    const company = await repository.company(companyId);
    if (!company) throw notFound('Company', 'company_not_found');
    const instant = now();
    const months = monthsBetween(query.from, query.to);
    const [properties, counts] = await Promise.all([repository.properties(companyId), returns.returnCounts(companyId, new Date(instant.getTime() - RETURN_WINDOW_DAYS * 86_400_000))]);
    const overall = monthTally(months);
    const byProperty = new Map(properties.map((property) => [property.id, { ...property, residents: 0, tally: monthTally(months) }]));
    let today = localDateIn(instant, company.timezone);
    await rentPeriods.analyzeResidents({ companyId }, (batch) => {
      for (const resident of batch) {
        today = resident.today;
        const property = resident.propertyId === null ? undefined : byProperty.get(resident.propertyId);
        let counted = false;
        for (const period of resident.periods) {
          if (period.month < query.from || period.month > query.to) continue;
          overall.add(period.month, period.status);
          property?.tally.add(period.month, period.status);
          counted = true;
        }
        if (property && counted) property.residents += 1;
      }
    });
    const levels = returnRateLevels(counts);
    return {
      companyId,
      from: query.from,
      to: query.to,
      today,
      timezone: company.timezone,
      months,
      overall: overall.result(),
      properties: [...byProperty.values()].map((property) => ({ propertyId: property.id, name: property.name, residents: property.residents, months: property.tally.result() })),
      returnRates: {
        windowDays: RETURN_WINDOW_DAYS,
        debits: counts.debits,
        unauthorized: { count: counts.unauthorized, ...levels.unauthorized },
        administrative: { count: counts.administrative, ...levels.administrative },
        overall: { count: counts.overall, ...levels.overall },
      },
    };
  }

  return { stats };
}

export type PaymentStatsService = ReturnType<typeof createPaymentStatsService>;
