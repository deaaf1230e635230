import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importDemoRentRoll } from '../demo/demo-data.ts';
import { insertPayer, MAPLE_BANK } from './payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from './test-app.ts';

/**
 * Walks every route of the OpenAPI document as anonymous, as each role and as
 * the landlord of another company. Every route must be listed here with who
 * may call it; a new route without a rule fails the walk until it gets one.
 */
type Role = 'landlord' | 'resident' | 'support';
type Rule = 'public' | Role[];

const ACCESS: Record<string, Rule> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/session': ['landlord', 'resident', 'support'],
  'GET /api/auth/session-probe': 'public',
  'POST /api/auth/logout': ['landlord', 'resident', 'support'],
  'POST /api/auth/verify-email': 'public',
  'POST /api/auth/verify-email/resend': ['landlord', 'resident', 'support'],
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'POST /api/auth/password': ['landlord', 'resident', 'support'],
  'POST /api/auth/email': ['landlord', 'resident', 'support'],
  'POST /api/auth/email/confirm': 'public',
  'GET /api/auth/sessions': ['landlord', 'resident', 'support'],
  'DELETE /api/auth/sessions/{sessionId}': ['landlord', 'resident', 'support'],
  'POST /api/auth/login/two-factor': 'public',
  'POST /api/auth/two-factor/setup': ['landlord', 'support'],
  'POST /api/auth/two-factor/confirm': ['landlord', 'support'],
  'DELETE /api/auth/two-factor': ['landlord', 'support'],
  'GET /api/companies': ['support'],
  'POST /api/companies': ['support'],
  'GET /api/companies/{companyId}': ['support', 'landlord'],
  'GET /api/companies/{companyId}/staff': ['support', 'landlord'],
  'PUT /api/companies/{companyId}/security': ['support', 'landlord'],
  'POST /api/companies/{companyId}/staff': ['support'],
  'GET /api/properties': ['landlord', 'support'],
  'POST /api/properties': ['support'],
  'GET /api/properties/{propertyId}': ['landlord', 'support'],
  'POST /api/properties/{propertyId}/units': ['support'],
  'GET /api/api-tokens': ['landlord'],
  'POST /api/api-tokens': ['landlord'],
  'DELETE /api/api-tokens/{tokenId}': ['landlord'],
  'GET /api/tasks': ['landlord'],
  'GET /api/audit-events': ['support'],
  'GET /api/residents': ['landlord', 'support'],
  'GET /api/me/residencies': ['resident'],
  'POST /api/invitations/lookup': 'public',
  'POST /api/invitations/accept': 'public',
  'POST /api/invitations/{invitationId}/resend': ['landlord', 'support'],
  'GET /api/integration': ['landlord'],
  'PUT /api/integration': ['landlord'],
  'POST /api/integration/csv-columns': ['landlord'],
  'POST /api/integration/import': ['landlord'],
  'POST /api/integration/sync': ['landlord'],
  'GET /api/sync-runs': ['landlord', 'support'],
  'GET /api/sync-runs/{syncRunId}': ['landlord', 'support'],
  'GET /api/dev/mailbox': ['support'],
  'POST /api/auth/signup': 'public',
  'GET /api/rentals/search': ['landlord', 'resident', 'support'],
  'POST /api/me/residencies': ['resident'],
  'GET /api/residents/{residentId}': ['landlord', 'support'],
  'POST /api/residents/{residentId}/approve': ['landlord'],
  'POST /api/residents/{residentId}/approve/preview': ['landlord'],
  'POST /api/residents/{residentId}/sync': ['landlord'],
  'POST /api/residents/{residentId}/decline': ['landlord'],
  'POST /api/residents/{residentId}/end-lease': ['landlord'],
  'PATCH /api/residents/{residentId}': ['landlord', 'support'],
  'DELETE /api/residents/{residentId}': ['landlord'],
  'POST /api/invitations': ['landlord'],
  'POST /api/support-requests': ['landlord', 'resident'],
  'GET /api/support-requests': ['landlord', 'resident', 'support'],
  'PATCH /api/support-requests/{supportRequestId}': ['support'],
  'GET /api/notifications': ['landlord', 'resident', 'support'],
  'POST /api/notifications/read': ['landlord', 'resident', 'support'],
  'GET /api/me/bank-accounts': ['resident'],
  'POST /api/me/bank-accounts': ['resident'],
  'POST /api/me/bank-accounts/{bankAccountId}/verify': ['resident'],
  'DELETE /api/me/bank-accounts/{bankAccountId}': ['resident'],
  'GET /api/me/payments/options': ['resident'],
  'GET /api/me/payments/authorization': ['resident'],
  'POST /api/me/payments': ['resident'],
  'GET /api/me/payments': ['resident'],
  'POST /api/me/payments/{paymentId}/cancel': ['resident'],
  'GET /api/me/autopay': ['resident'],
  'GET /api/me/autopay/{residentId}/authorization': ['resident'],
  'PUT /api/me/autopay/{residentId}': ['resident'],
  'DELETE /api/me/autopay/{residentId}': ['resident'],
  'POST /api/me/autopay/{residentId}/pause': ['resident'],
  'POST /api/me/autopay/{residentId}/resume': ['resident'],
  'GET /api/payments': ['landlord'],
  'GET /api/payments/export.csv': ['landlord'],
  'GET /api/payments/bank-accounts': ['landlord'],
  'POST /api/payments/{paymentId}/void': ['landlord'],
  'GET /api/payment-settings': ['landlord'],
  'PUT /api/payment-settings': ['landlord'],
  'GET /api/payment-settings/test-file': ['landlord'],
  'POST /api/ach-files': ['landlord'],
  'GET /api/ach-files': ['landlord'],
  'POST /api/ach-returns': ['landlord'],
  'GET /api/residents/{residentId}/rent-periods': ['landlord', 'support'],
  'POST /api/residents/{residentId}/paid-outside': ['landlord'],
  'GET /api/me/rent-periods': ['resident'],
  'GET /api/payment-alerts': ['landlord'],
  'POST /api/residents/{residentId}/rent-reminders': ['landlord'],
  'GET /api/me/alert-preferences': ['landlord'],
  'PUT /api/me/alert-preferences': ['landlord'],
  'GET /api/ach-returns': ['landlord', 'support'],
  'GET /api/payment-stats': ['landlord', 'support'],
  'GET /api/ach-files/{achFileId}': ['landlord', 'support'],
  'GET /api/ach-files/{achFileId}/download': ['landlord', 'support'],
  'GET /api/postings': ['landlord', 'support'],
  'POST /api/postings/{postingId}/retry': ['landlord'],
  'GET /api/postings/receipt-days': ['landlord', 'support'],
  'GET /api/postings/receipts': ['landlord', 'support'],
};

// Routes that end the caller's session are walked last, so the walk keeps its sessions.
const SESSION_ENDING = new Set(['POST /api/auth/logout']);

type Actor = { name: string; role: Role | null; session: Session | null; otherCompany: boolean };

describe('authorization walk', () => {
  let ctx: TestContext;
  let actors: Actor[];
  let mapleSecrets: string[];
  let anyCompanySecrets: string[];
  let params: Record<string, string>;
  let routes: string[];

  beforeAll(async () => {
    ctx = await createTestApp();
    const [maple, birch, resident, support] = await Promise.all([
      ctx.login('manager@maple.demo'),
      ctx.login('owner@birch.demo'),
      ctx.login('resident@demo.test'),
      ctx.login('support@rentledger.demo'),
    ]);
    actors = [
      { name: 'anonymous', role: null, session: null, otherCompany: false },
      { name: 'Birch landlord (other company)', role: 'landlord', session: birch, otherCompany: true },
      { name: 'resident', role: 'resident', session: resident, otherCompany: false },
      { name: 'Maple landlord', role: 'landlord', session: maple, otherCompany: false },
      { name: 'support', role: 'support', session: support, otherCompany: false },
    ];

    // Maple's records fill every path parameter: only Maple's staff and support may reach them.
    const mapleProperties = (await ctx.call(maple, { method: 'GET', url: '/api/properties' })).json().items;
    const token = (await ctx.call(maple, { method: 'POST', url: '/api/api-tokens', payload: { name: 'walk' } })).json();
    const syncRunId = await importDemoRentRoll(ctx.services).then(() =>
      ctx.database.db.selectFrom('sync_runs').select('id').where('company_id', '=', maple.companyId).executeTakeFirstOrThrow(),
    );
    const invitation = await ctx.database.db
      .selectFrom('invitations')
      .innerJoin('residents', 'residents.id', 'invitations.resident_id')
      .select('invitations.id')
      .where('residents.company_id', '=', maple.companyId)
      .executeTakeFirstOrThrow();
    const pending = await ctx.database.db
      .selectFrom('residents')
      .select('id')
      .where('company_id', '=', maple.companyId)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    const supportRequest = (
      await ctx.call(maple, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'Walk fixture', residentId: pending.id } })
    ).json();
    // A second session of the Maple manager: only its owner may end it, and the walk's own sessions survive.
    const spareSession = await ctx.login('manager@maple.demo');
    const spare = (await ctx.call(spareSession, { method: 'GET', url: '/api/auth/sessions' })).json().sessions.find((s: { current: boolean }) => s.current);
    // A Maple payer with a verified account, and a file holding their payment: the payments routes' records.
    expect((await ctx.call(maple, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    const payer = await insertPayer(ctx.database.db, maple.companyId ?? '');
    const achFile = await ctx.services.achFilesService.createFile(maple.companyId ?? '', { actorUserId: null });
    // A failed posting of that payment to Maple's accounting system: what Retry acts on.
    const posting = await ctx.database.db
      .insertInto('accounting_postings')
      .values({ company_id: maple.companyId ?? '', payment_id: payer.paymentId, resident_id: payer.residentId, kind: 'payment', system: 'receipts_file', idempotency_key: 'Pwalk', amount_cents: 1000, status: 'failed', attempts: 6, last_error: 'Walk fixture', created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    params = {
      postingId: posting.id,
      bankAccountId: payer.bankAccountId,
      paymentId: payer.paymentId,
      achFileId: achFile?.id ?? '',
      sessionId: spare.id,
      residentId: pending.id,
      supportRequestId: supportRequest.id,
      companyId: maple.companyId ?? '',
      propertyId: mapleProperties[0].id,
      tokenId: token.token.id,
      syncRunId: syncRunId.id,
      invitationId: invitation.id,
    };

    const db = ctx.database.db;
    const mapleUsers = await db.selectFrom('users').select(['id', 'email']).where('company_id', '=', maple.companyId).execute();
    const mapleResidents = await db.selectFrom('residents').select(['id', 'email']).where('company_id', '=', maple.companyId).execute();
    mapleSecrets = [
      supportRequest.id,
      ...mapleResidents.flatMap((resident) => [resident.id, resident.email ?? '']),
      syncRunId.id,
      maple.companyId ?? '',
      'Maple Property Management',
      token.token.id,
      ...mapleProperties.flatMap((p: { id: string; name: string; units: { id: string }[] }) => [p.id, p.name, ...p.units.map((u) => u.id)]),
      ...mapleUsers.flatMap((user) => [user.id, user.email]),
      payer.bankAccountId,
      payer.paymentId,
      achFile?.id ?? '',
      '4440001111',
    ];
    const birchProperties = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().items;
    anyCompanySecrets = [...mapleSecrets, birch.companyId ?? '', 'Birch Rentals', ...birchProperties.map((p: { id: string }) => p.id)];

    const doc = (await ctx.call(null, { method: 'GET', url: '/api/docs/json' })).json();
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => ctx.close());

  it('has a rule for every documented route, and a documented route for every rule', () => {
    expect(routes.filter((route) => !(route in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('answers nobody with data or an action they may not have', async () => {
    const ordered = [...routes].sort((a, b) => Number(SESSION_ENDING.has(a)) - Number(SESSION_ENDING.has(b)));
    const failures: string[] = [];
    for (const route of ordered) {
      const [method = 'GET', template = ''] = route.split(' ');
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params[name];
        if (!value) throw new Error(`No fixture for path parameter {${name}} of ${route}: add one to the walk`);
        return value;
      });
      const rule = ACCESS[route];
      for (const actor of actors) {
        if (SESSION_ENDING.has(route) && actor.session) continue;
        const auditBefore = await countAuditEvents(ctx);
        const response = await ctx.call(actor.session, {
          method: method as 'GET',
          url,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        const allowedRole = rule === 'public' || (actor.role !== null && rule !== undefined && rule.includes(actor.role));
        const where = `${route} as ${actor.name} -> ${response.statusCode}`;

        if (!allowedRole) {
          const expected = actor.role === null ? 401 : 403;
          if (response.statusCode !== expected) failures.push(`${where}, expected ${expected}`);
        } else if (actor.otherCompany && /\{\w+\}/.test(template)) {
          // Another company's record must look exactly like one that does not exist.
          const missingUrl = template.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
          const missing = await ctx.call(actor.session, { method: method as 'GET', url: missingUrl, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
          if (response.statusCode < 400) failures.push(`${where}: acted on another company's record`);
          else if (response.statusCode !== missing.statusCode || response.body.replaceAll(url, '') !== missing.body.replaceAll(missingUrl, '')) {
            failures.push(`${where}: differs from a missing record (${missing.statusCode}), revealing that it exists`);
          }
        }
        if (response.statusCode >= 500) failures.push(`${where}: server error ${response.body}`);
        if (response.statusCode >= 400 && (await countAuditEvents(ctx)) !== auditBefore) {
          failures.push(`${where}: refused but wrote an audit event`);
        }
        const forbiddenData = actor.otherCompany ? mapleSecrets : actor.role === 'resident' || actor.role === null ? anyCompanySecrets : [];
        const leaked = forbiddenData.filter((secret) => secret && response.body.includes(secret));
        if (leaked.length > 0) failures.push(`${where}: leaked ${leaked.slice(0, 3).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

async function countAuditEvents(ctx: TestContext): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Someone signs up with the email of a resident in the landlord's books and
 * never follows the verification link. Every route a resident may call, walked
 * as them, must answer nothing of that record: rent, lease dates, balance, its
 * accounting ID, or the landlord's company.
 */
describe('unverified account walk', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
  });
  afterAll(() => ctx.close());

  it('returns no lease, rent, balance or landlord detail of the matched record from any route', async () => {
    const record = await ctx.database.db
      .selectFrom('accounting_records')
      .select(['accounting_resident_id', 'rent_cents', 'lease_end', 'balance_cents', 'company_id', 'emails', 'unit_id', 'property_id'])
      .where(sql<boolean>`'iris.rossi@example.com' = any(emails)`)
      .executeTakeFirstOrThrow();
    const email = 'iris.rossi@example.com';
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Iris', lastName: 'Rossi', email, phone: '614-555-0000', password: 'resident-password-1' } })).statusCode).toBe(202);
    const impostor = await ctx.login(email, 'resident-password-1');
    const created = await ctx.call(impostor, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: record.property_id, unitId: record.unit_id, rentCents: 90000, leaseStart: '2026-01-01', leaseEnd: null } });
    expect(created.json()).toMatchObject({ status: 'pending', emailVerificationRequired: true });

    const invited = await ctx.database.db.selectFrom('residents').select('id').where('company_id', '=', record.company_id).where('email', 'ilike', email).where('status', '=', 'invited').execute();
    const secrets = [
      record.accounting_resident_id,
      String(record.rent_cents),
      record.lease_end ?? '',
      ...(record.balance_cents ? [String(record.balance_cents)] : []),
      ...invited.map((r) => r.id),
    ].filter(Boolean);

    const doc = (await ctx.call(null, { method: 'GET', url: '/api/docs/json' })).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const residentRoutes = routes.filter((route) => {
      const rule = ACCESS[route];
      return rule === 'public' || rule?.includes('resident');
    });
    expect(residentRoutes.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const route of residentRoutes.filter((r) => r !== 'POST /api/auth/logout')) {
      const [method = 'GET', template = ''] = route.split(' ');
      const url = template.replace(/\{\w+\}/g, invited[0]?.id ?? '00000000-0000-4000-8000-000000000000');
      for (const query of method === 'GET' ? ['', `?q=${encodeURIComponent('rossi')}`] : ['']) {
        const response = await ctx.call(impostor, { method: method as 'GET', url: `${url}${query}`, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
        const found = secrets.filter((secret) => response.body.includes(secret));
        if (found.length > 0 || response.statusCode >= 500) leaks.push(`${route}${query} -> ${response.statusCode} ${found.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
    const still = await ctx.database.db.selectFrom('residents').select('status').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(still.status).toBe('pending');
  });
});
