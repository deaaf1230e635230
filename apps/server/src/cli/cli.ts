import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { passwordSchema, emailSchema } from '@rentledger/contracts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { recordAudit } from '../modules/audit/audit.repository.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { createCompaniesRepository } from '../modules/companies/companies.repository.ts';

const USAGE = `Usage: rentledger <command> [options]

Commands:
  create-support-user --email <email> --first-name <name> --last-name <name>
      Creates a platform support account. The password is read from
      RENTLEDGER_PASSWORD, or asked for on the terminal.

The database is the one the server uses: DATABASE_URL, else PGlite in DATA_DIR.`;

async function readPassword(): Promise<string> {
  if (process.env.RENTLEDGER_PASSWORD) return process.env.RENTLEDGER_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Password (at least 12 characters): ');
  prompt.close();
  return answer;
}

async function createSupportUser(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' } },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new UsageError('--email: give a valid email address');
  if (!values['first-name'] || !values['last-name']) throw new UsageError('--first-name and --last-name are required');
  const password = passwordSchema.safeParse(await readPassword());
  if (!password.success) throw new UsageError(`password: ${password.error.issues[0]?.message}`);

  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
  );
  try {
    await migrateToLatest(database.db);
    const passwordHash = await hashPassword(password.data);
    const user = await database.db.transaction().execute(async (trx) => {
      const created = await createCompaniesRepository(trx).insertUser(trx, {
        email: email.data,
        role: 'support',
        companyId: null,
        firstName: values['first-name'] ?? '',
        lastName: values['last-name'] ?? '',
        phone: null,
        passwordHash,
      });
      await recordAudit(trx, {
        actorUserId: null,
        companyId: null,
        action: 'support_user.created',
        entityType: 'user',
        entityId: created.id,
        after: { email: created.email, firstName: created.firstName, lastName: created.lastName, via: 'cli' },
      });
      return created;
    });
    console.log(`Created support user ${user.email}`);
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-support-user') await createSupportUser(rest);
  else {
    console.log(USAGE);
    process.exitCode = command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if ((error as { code?: string }).code === '23505') {
    console.error('An account with this email already exists');
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
