import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AUDIT_ACTION_NAMES, auditActionName } from '@rentledger/contracts';
import { describe, expect, it } from 'vitest';

const SERVER_SRC = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** What follows `action:` on each line, the audit entry's action in every service and in the sync's batch insert. */
function actionExpressions(): Array<{ file: string; expression: string }> {
  return sourceFiles(SERVER_SRC).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(/\baction:\s*([^,}\n]+)/g)].map((match) => ({
      file: relative(SERVER_SRC, path),
      expression: match[1] ?? '',
    })),
  );
}

/** An action code: `kind.verb` in lower case, the shape every recorded action has (`'deny'` of a header is not one). */
const ACTION_LITERAL = /'([a-z_]+\.[a-z_]+)'/g;

describe('audit action names', () => {
  const expressions = actionExpressions();
  const written = [...new Set(expressions.flatMap(({ expression }) => [...expression.matchAll(ACTION_LITERAL)].map((m) => m[1] ?? '')))];

  it('finds the actions the services write', () => {
    expect(written).toEqual(expect.arrayContaining(['resident.approved', 'residents.imported', 'support_request.opened', 'company.created']));
  });

  it('has a plain-words name for every action the server writes', () => {
    const unnamed = written.filter((action) => !(action in AUDIT_ACTION_NAMES));
    expect(unnamed, 'add these to AUDIT_ACTION_NAMES in packages/contracts/src/audit.contract.ts').toEqual([]);
  });

  it('refuses an action built at run time, which no list could name', () => {
    const built = expressions.filter(({ expression }) => /`[a-z_]+\.\$\{/.test(expression));
    expect(built.map(({ file, expression }) => `${file}: ${expression}`)).toEqual([]);
  });

  it('names an action in words and an unknown one by its code in words', () => {
    expect(auditActionName('resident.approved')).toBe('Resident approved');
    expect(auditActionName('resident.lease_renewed')).toBe('Resident lease renewed');
  });
});
