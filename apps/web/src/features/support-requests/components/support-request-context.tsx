import type { SupportRequest } from '@rentledger/contracts';
import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RESIDENT_STATUS_LABELS } from '../../../components/resident-status-badge.tsx';
import { formatMoney } from '../../../lib/format.ts';

/** What the server filled in about a resident when the request was opened; the status is the one they have now. */
export type ResidentContext = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: string | null;
  statusWhenOpened: string | null;
  deleted: boolean;
  accountingResidentId: string | null;
  property: string | null;
  unit: string | null;
  unitTheyTyped: string | null;
  rentTheyStatedCents: number | null;
  leaseTheyStated: string | null;
};

export type RequestContext = {
  company: { id: string; name: string; slug?: string } | null;
  requestedBy: { name: string; email: string; role: string } | null;
  resident: ResidentContext | null;
  otherResident: ResidentContext | null;
};

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const obj = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);

function residentOf(value: unknown): ResidentContext | null {
  const raw = obj(value);
  if (!raw) return null;
  return {
    id: str(raw.id) ?? '',
    name: str(raw.name) ?? 'Unnamed resident',
    email: str(raw.email),
    phone: str(raw.phone),
    status: str(raw.status),
    statusWhenOpened: str(raw.statusWhenOpened),
    deleted: raw.deleted === true,
    accountingResidentId: str(raw.accountingResidentId),
    property: str(raw.property),
    unit: str(raw.unit),
    unitTheyTyped: str(raw.unitTheyTyped),
    rentTheyStatedCents: num(raw.rentTheyStatedCents),
    leaseTheyStated: str(raw.leaseTheyStated),
  };
}

/** Reads the request's free-form context defensively: older requests may lack fields. */
export function readContext(request: SupportRequest): RequestContext {
  const context = request.context;
  const company = obj(context.company);
  const requestedBy = obj(context.requestedBy);
  return {
    company: company && str(company.id) ? { id: str(company.id) ?? '', name: str(company.name) ?? '', slug: str(company.slug) ?? undefined } : request.company,
    requestedBy: requestedBy ? { name: str(requestedBy.name) ?? '', email: str(requestedBy.email) ?? '', role: str(requestedBy.role) ?? '' } : null,
    resident: residentOf(context.resident),
    otherResident: residentOf(context.otherResident),
  };
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm" component="div">
      <Text span size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }} mr={6}>
        {label}
      </Text>
      {children}
    </Text>
  );
}

function statusLabel(status: string | null): string | null {
  if (!status) return null;
  return RESIDENT_STATUS_LABELS[status as keyof typeof RESIDENT_STATUS_LABELS] ?? status;
}

/** "Approved (Invited when the request was opened)": the status now, and the old one only when it differs. */
function StatusNow({ resident }: { resident: ResidentContext }) {
  if (resident.deleted) return <> · Deleted</>;
  if (!resident.status) return null;
  const changed = resident.statusWhenOpened && resident.statusWhenOpened !== resident.status;
  return (
    <>
      {' '}
      · {statusLabel(resident.status)}
      {changed && ` (${statusLabel(resident.statusWhenOpened)} when the request was opened)`}
    </>
  );
}

export function ResidentContextCard({
  title,
  resident,
  testId,
  historyLink,
}: {
  title: string;
  resident: ResidentContext;
  testId?: string;
  historyLink?: (residentId: string) => string;
}) {
  return (
    <Card p="sm" bg="var(--mantine-color-gray-0)" data-testid={testId}>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          {title}
        </Text>
        <Text size="sm" fw={600}>
          {resident.name}
          <Text span size="xs" c="dimmed" fw={500} data-testid="context-resident-status">
            <StatusNow resident={resident} />
          </Text>
        </Text>
        {(resident.email || resident.phone) && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[resident.email, resident.phone].filter(Boolean).join(' · ')}
          </Text>
        )}
        <Line label="Property">{resident.property ?? 'None picked'}</Line>
        <Line label="Unit">{resident.unit ?? 'None picked'}</Line>
        {resident.unitTheyTyped && (
          <Line label="Unit they typed">
            <strong>“{resident.unitTheyTyped}”</strong>
          </Line>
        )}
        {resident.accountingResidentId && (
          <Line label="Accounting ID">
            <span className="rl-mono">{resident.accountingResidentId}</span>
          </Line>
        )}
        {resident.rentTheyStatedCents !== null && <Line label="Rent they stated">{formatMoney(resident.rentTheyStatedCents)}</Line>}
        {resident.leaseTheyStated && <Line label="Lease they stated">{resident.leaseTheyStated}</Line>}
        {historyLink && resident.id && (
          <Anchor component={Link} to={historyLink(resident.id)} size="sm">
            History of {resident.name} in the audit log
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}

/** The request's context as support reads it: company, who asked, the resident, and the other resident. */
export function SupportRequestContext({
  request,
  companyLink,
  residentHistoryLink,
}: {
  request: SupportRequest;
  companyLink?: (companyId: string) => string;
  /** Support's link to a resident's events in the audit log. */
  residentHistoryLink?: (residentId: string) => string;
}) {
  const context = readContext(request);
  return (
    <Stack gap="sm" data-testid="support-request-context">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Line label="Company">
          {context.company ? (
            companyLink ? (
              <Anchor component={Link} to={companyLink(context.company.id)} size="sm" fw={600}>
                {context.company.name}
              </Anchor>
            ) : (
              context.company.name
            )
          ) : (
            'None'
          )}
        </Line>
        <Line label="From">
          {request.requestedBy.name}{' '}
          <Text span size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            ({request.requestedBy.email})
          </Text>
        </Line>
      </SimpleGrid>
      {(context.resident || context.otherResident) && (
        <SimpleGrid cols={{ base: 1, sm: context.resident && context.otherResident ? 2 : 1 }} spacing="sm">
          {context.resident && <ResidentContextCard title="Resident" resident={context.resident} testId="context-resident" historyLink={residentHistoryLink} />}
          {context.otherResident && <ResidentContextCard title="Other resident (holds the ID)" resident={context.otherResident} testId="context-other-resident" historyLink={residentHistoryLink} />}
        </SimpleGrid>
      )}
    </Stack>
  );
}
