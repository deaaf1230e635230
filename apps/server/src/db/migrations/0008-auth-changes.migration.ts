import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Tells every server process when a signed-in principal may have changed, so
 * that each can keep the sessions it resolved in memory (`session-cache.ts`)
 * instead of looking the session, its user and company up on every request
 * (at the 1,000,000-unit scale that lookup was more than half of what
 * `GET /api/tasks` cost).
 *
 * A NOTIFY on the `rentledger_auth_changes` channel is sent when the
 * transaction commits, whatever module or tool wrote:
 * - `u:<user id>`: a session of the user ended or was cut short (sign-out,
 *   "sign out everywhere", a password reset, an invitation that replaced the
 *   account), or the user's row changed (disabled, role, company, email,
 *   names, verification, two-factor, password);
 * - `c:<company id>`: what a principal shows of the company changed (name,
 *   slug, whether staff must use two-factor sign-in);
 * - `*`: a table was truncated (a restore): forget everything.
 * A session's sliding expiry (last_seen_at and a later expires_at) notifies
 * nobody: a process that cached the older expiry looks the session up again
 * when that expiry passes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE FUNCTION notify_auth_change_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('rentledger_auth_changes', 'u:' || OLD.id);
      RETURN NULL;
    END $$;

    CREATE FUNCTION notify_auth_change_of_session() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('rentledger_auth_changes', 'u:' || OLD.user_id);
      RETURN NULL;
    END $$;

    CREATE FUNCTION notify_auth_change_of_company() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('rentledger_auth_changes', 'c:' || OLD.id);
      RETURN NULL;
    END $$;

    CREATE FUNCTION notify_auth_change_of_all() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('rentledger_auth_changes', '*');
      RETURN NULL;
    END $$;

    CREATE TRIGGER auth_changes_delete AFTER DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change_of_session();
    CREATE TRIGGER auth_changes_update AFTER UPDATE ON sessions
      FOR EACH ROW WHEN (NEW.expires_at < OLD.expires_at OR NEW.user_id <> OLD.user_id
        OR NEW.token_hash <> OLD.token_hash OR NEW.csrf_token <> OLD.csrf_token)
      EXECUTE FUNCTION notify_auth_change_of_session();
    CREATE TRIGGER auth_changes_truncate AFTER TRUNCATE ON sessions
      FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change_of_all();

    CREATE TRIGGER auth_changes_update AFTER UPDATE ON users
      FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION notify_auth_change_of_user();
    CREATE TRIGGER auth_changes_delete AFTER DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION notify_auth_change_of_user();
    CREATE TRIGGER auth_changes_truncate AFTER TRUNCATE ON users
      FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change_of_all();

    CREATE TRIGGER auth_changes_update AFTER UPDATE ON companies
      FOR EACH ROW WHEN ((OLD.name, OLD.slug, OLD.require_staff_two_factor) IS DISTINCT FROM (NEW.name, NEW.slug, NEW.require_staff_two_factor))
      EXECUTE FUNCTION notify_auth_change_of_company();
    CREATE TRIGGER auth_changes_truncate AFTER TRUNCATE ON companies
      FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_change_of_all();
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TRIGGER auth_changes_delete ON sessions;
    DROP TRIGGER auth_changes_update ON sessions;
    DROP TRIGGER auth_changes_truncate ON sessions;
    DROP TRIGGER auth_changes_update ON users;
    DROP TRIGGER auth_changes_delete ON users;
    DROP TRIGGER auth_changes_truncate ON users;
    DROP TRIGGER auth_changes_update ON companies;
    DROP TRIGGER auth_changes_truncate ON companies;
    DROP FUNCTION notify_auth_change_of_user();
    DROP FUNCTION notify_auth_change_of_session();
    DROP FUNCTION notify_auth_change_of_company();
    DROP FUNCTION notify_auth_change_of_all();
    `,
  );
}
