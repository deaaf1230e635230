// One small violation per rule of .dependency-cruiser.mjs, written into a scratch tree by check.mjs to prove
// that each rule reports what it forbids. `from` is the file that breaks the rule.
const s = 'apps/server/src';
const exported = (name) => `export const ${name} = 1;\n`;

export const PLANTED_VIOLATIONS = [
  {
    rule: 'integrations-never-import-modules',
    from: `${s}/integrations/banking/bank-files.ts`,
    files: {
      [`${s}/integrations/banking/bank-files.ts`]: "import { payments } from '../../modules/payments/payments.service.ts';\nexport const file = payments;\n",
      [`${s}/modules/payments/payments.service.ts`]: exported('payments'),
    },
  },
  {
    rule: 'domain-and-formats-are-pure',
    from: `${s}/modules/payments/payment-schedule.domain.ts`,
    files: {
      [`${s}/modules/payments/payment-schedule.domain.ts`]: "import { Kysely } from 'kysely';\nexport const schedule = Kysely;\n",
    },
  },
  {
    rule: 'domain-and-formats-are-pure-types',
    from: 'packages/formats/src/nacha/entry-detail.record.ts',
    files: {
      'packages/formats/src/nacha/entry-detail.record.ts': `import type { Database } from '../../../../${s}/db/database.types.ts';\nexport type Entry = Database;\n`,
      [`${s}/db/database.types.ts`]: 'export type Database = { id: string };\n',
    },
  },
  {
    rule: 'no-other-modules-repository',
    from: `${s}/modules/credit-reporting/credit-reporting.service.ts`,
    files: {
      [`${s}/modules/credit-reporting/credit-reporting.service.ts`]: "import { paymentsRows } from '../payments/payments.repository.ts';\nexport const rows = paymentsRows;\n",
      [`${s}/modules/payments/payments.repository.ts`]: exported('paymentsRows'),
    },
  },
  {
    rule: 'only-routes-import-http',
    from: `${s}/modules/payments/payments-refusals.service.ts`,
    files: {
      [`${s}/modules/payments/payments-refusals.service.ts`]: "import { statusOf } from '../../http/errors.ts';\nexport const status = statusOf;\n",
      [`${s}/http/errors.ts`]: exported('statusOf'),
    },
  },
  {
    rule: 'http-never-imports-modules',
    from: `${s}/http/payments.plugin.ts`,
    files: {
      [`${s}/http/payments.plugin.ts`]: "import { payments } from '../modules/payments/payments.service.ts';\nexport const plugin = payments;\n",
    },
  },
  {
    rule: 'web-never-imports-server',
    from: 'apps/web/src/features/payments/api/get-payments.ts',
    files: {
      'apps/web/src/features/payments/api/get-payments.ts': `import { payments } from '../../../../../server/src/modules/payments/payments.service.ts';\nexport const get = payments;\n`,
    },
  },
  {
    rule: 'web-features-stay-apart',
    from: 'apps/web/src/features/payments/components/payment-card.tsx',
    files: {
      'apps/web/src/features/payments/components/payment-card.tsx': "import { Badge } from '../../residents/components/badge.tsx';\nexport const Card = Badge;\n",
      'apps/web/src/features/residents/components/badge.tsx': exported('Badge'),
    },
  },
  {
    rule: 'packages-never-import-apps',
    from: 'packages/contracts/src/payments.contract.ts',
    files: {
      'packages/contracts/src/payments.contract.ts': `import { payments } from '../../../${s}/modules/payments/payments.service.ts';\nexport const contract = payments;\n`,
    },
  },
  {
    rule: 'formats-stay-small',
    from: 'packages/formats/src/metro2/base-segment.record.ts',
    files: {
      'packages/formats/src/metro2/base-segment.record.ts': "import { contract } from '../../../contracts/src/payments.contract.ts';\nexport const base = contract;\n",
    },
  },
];

/** A service that writes its own SQL: both statements must be found. */
export const PLANTED_QUERY_BUILDER = {
  path: `${s}/modules/payments/payments.service.ts`,
  expected: 2,
  text: [
    "import { sql } from 'kysely';",
    'export async function settle(db) {',
    "  await db.updateTable('payments').set({ status: 'settled' }).execute();",
    '  return sql`SELECT now()`.execute(db);',
    '}',
  ].join('\n'),
};
