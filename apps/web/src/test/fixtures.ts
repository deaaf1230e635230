// API answers for the component tests, in the server's real JSON shapes: each is parsed with the
// contract's zod schema, so a fixture that drifts from what the server answers fails the test that uses it.
import {
  type Candidate,
  candidateSchema,
  type Company,
  companySchema,
  type ErrorResponse,
  errorResponseSchema,
  type Property,
  propertySchema,
  type ResidentDetail,
  residentDetailSchema,
  type SessionResponse,
  sessionResponseSchema,
  type SupportRequest,
  supportRequestSchema,
  type SyncRun,
  syncRunSchema,
} from '@rentledger/contracts';
import { HttpResponse } from 'msw';

export const ids = {
  company: '0b8f2c1e-5d4a-4c3b-9a2e-1f0e9d8c7b6a',
  landlord: '1c9e3d2f-6e5b-4d4c-8b3f-2a1f0e9d8c7b',
  property: '2d0f4e3a-7f6c-4e5d-9c4a-3b2a1f0e9d8c',
  unit3: '3e1a5f4b-8a7d-4f6e-8d5b-4c3b2a1f0e9d',
  unit4: '4f2b6a5c-9b8e-4a7f-9e6c-5d4c3b2a1f0e',
  resident: '5a3c7b6d-0c9f-4b8a-8f7d-6e5d4c3b2a1f',
  holder: '6b4d8c7e-1d0a-4c9b-9a8e-7f6e5d4c3b2a',
  record: '7c5e9d8f-2e1b-4d0c-8b9f-8a7f6e5d4c3b',
  invited: '8d6f0e9a-3f2c-4e1d-9c0a-9b8a7f6e5d4c',
  syncRun: '9e7a1f0b-4a3d-4f2e-8d1b-0c9b8a7f6e5d',
  supportRequest: 'a08b2a1c-5b4e-4a3f-9e2c-1d0c9b8a7f6e',
};

export function session(overrides: Partial<SessionResponse['user']> = {}): SessionResponse {
  return sessionResponseSchema.parse({
    user: {
      id: ids.landlord,
      email: 'riley.chen@birch.example',
      firstName: 'Riley',
      lastName: 'Chen',
      role: 'landlord',
      company: { id: ids.company, name: 'Birch Rentals', slug: 'birch-rentals' },
      emailVerified: true,
      twoFactorEnabled: false,
      twoFactorSetupRequired: false,
      ...overrides,
    },
    csrfToken: 'csrf-token',
  });
}

export function company(overrides: Partial<Company> = {}): Company {
  return companySchema.parse({
    id: ids.company,
    name: 'Birch Rentals',
    slug: 'birch-rentals',
    timezone: 'America/Chicago',
    graceDays: 5,
    integrationKind: 'api',
    createdAt: '2025-01-06T15:00:00.000Z',
    propertyCount: 1,
    unitCount: 2,
    staffCount: 2,
    requireStaffTwoFactor: false,
    ...overrides,
  });
}

export function property(overrides: Partial<Property> = {}): Property {
  return propertySchema.parse({
    id: ids.property,
    companyId: ids.company,
    companyName: 'Birch Rentals',
    name: 'Birch Street Flats',
    street: '12 Birch Street',
    city: 'Madison',
    state: 'WI',
    postalCode: '53703',
    accountingCode: null,
    units: [
      { id: ids.unit3, propertyId: ids.property, label: '3', accountingCode: null },
      { id: ids.unit4, propertyId: ids.property, label: '4', accountingCode: null },
    ],
    ...overrides,
  });
}

export function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return candidateSchema.parse({
    kind: 'accounting_record',
    id: ids.record,
    score: 92,
    reasons: ['Email matches', 'Unit matches'],
    strong: true,
    firstName: 'Quinn',
    lastName: 'Harper',
    emails: ['quinn.harper@example.com'],
    phones: [],
    propertyName: 'Birch Street Flats',
    unitId: ids.unit3,
    unitLabel: '3',
    accountingResidentId: 't0007001',
    rentCents: 145000,
    leaseStart: '2026-01-01',
    leaseEnd: '2026-12-31',
    balanceCents: 0,
    status: 'current',
    ...overrides,
  });
}

/** Quinn Harper, pending review at Birch Street Flats unit 3, with what they stated at sign-up. */
export function pendingResident(overrides: Partial<ResidentDetail> = {}): ResidentDetail {
  return residentDetailSchema.parse({
    id: ids.resident,
    status: 'pending',
    source: 'portal_signup',
    firstName: 'Quinn',
    lastName: 'Harper',
    email: 'quinn.harper@example.com',
    phone: '512 555 0142',
    propertyId: ids.property,
    propertyName: 'Birch Street Flats',
    unitId: ids.unit3,
    unitLabel: '3',
    accountingResidentId: null,
    rentCents: null,
    dueDay: 1,
    leaseStart: null,
    leaseEnd: null,
    monthToMonth: false,
    balanceCents: null,
    paymentPolicy: 'any',
    invitation: null,
    createdAt: '2026-05-04T14:00:00.000Z',
    companyIntegrated: true,
    accountEmailVerified: true,
    statedRentCents: 145000,
    statedLeaseStart: '2026-01-01',
    statedLeaseEnd: '2026-12-31',
    statedUnitText: null,
    declinedReason: null,
    pendingSince: '2026-05-04T14:00:00.000Z',
    approvedAt: null,
    approvedBy: null,
    candidates: [],
    ...overrides,
  });
}

/** The same resident once decided: approved by a staff member, or declined with a reason. */
export function approvedResident(overrides: Partial<ResidentDetail> = {}): ResidentDetail {
  return pendingResident({
    status: 'approved',
    rentCents: 145000,
    leaseStart: '2026-01-01',
    leaseEnd: '2026-12-31',
    pendingSince: null,
    approvedAt: '2026-05-05T09:30:00.000Z',
    approvedBy: { id: ids.landlord, name: 'Riley Chen' },
    candidates: [],
    ...overrides,
  });
}

export function declinedResident(reason: string): ResidentDetail {
  return pendingResident({ status: 'declined', declinedReason: reason, pendingSince: null, candidates: [] });
}

export function syncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return syncRunSchema.parse({
    id: ids.syncRun,
    companyId: ids.company,
    status: 'succeeded',
    trigger: 'approval',
    format: 'yardi',
    sourceName: null,
    progress: { processed: 12, total: 12 },
    counts: { created: 0, updated: 12, unchanged: 0, invited: 0, waiting: 0, finished: 0, errors: 0, problems: 0, propertiesCreated: 0, unitsCreated: 0 },
    errors: [],
    createdPlaces: { properties: [], units: [] },
    message: null,
    createdBy: { id: ids.landlord, name: 'Riley Chen' },
    createdAt: '2026-05-05T09:00:00.000Z',
    startedAt: '2026-05-05T09:00:01.000Z',
    finishedAt: '2026-05-05T09:00:05.000Z',
    ...overrides,
  });
}

export function supportRequest(overrides: Partial<SupportRequest> = {}): SupportRequest {
  return supportRequestSchema.parse({
    id: ids.supportRequest,
    kind: 'resident_id_conflict',
    message: 'Please help.',
    status: 'open',
    answer: null,
    context: {},
    company: { id: ids.company, name: 'Birch Rentals' },
    requestedBy: { id: ids.landlord, name: 'Riley Chen', email: 'riley.chen@birch.example', role: 'landlord' },
    residentId: ids.resident,
    createdAt: '2026-05-05T10:00:00.000Z',
    updatedAt: '2026-05-05T10:00:00.000Z',
    ...overrides,
  });
}

/** The server's error answer, `{ error: { code, message, details } }`, with its status. */
export function apiError(status: number, code: string, message: string, details?: ErrorResponse['error']['details']) {
  return HttpResponse.json(errorResponseSchema.parse({ error: { code, message, ...(details === undefined ? {} : { details }) } }), { status });
}
