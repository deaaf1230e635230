import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Account trust: a verified email before anything is matched, single-use
 * tokens for verification and password reset, and TOTP two-factor sign-in.
 * Users that exist before this migration proved nothing, but they were
 * invited or seeded by someone who knew them: they count as verified.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
    UPDATE users SET email_verified_at = created_at;
    ALTER TABLE users ADD COLUMN two_factor_secret_encrypted text;
    ALTER TABLE users ADD COLUMN two_factor_pending_secret_encrypted text;
    ALTER TABLE users ADD COLUMN two_factor_enabled_at timestamptz;
    -- The last TOTP time step accepted: a code is never accepted twice.
    ALTER TABLE users ADD COLUMN two_factor_last_step bigint;
    ALTER TABLE users ADD CONSTRAINT users_two_factor_consistent
      CHECK ((two_factor_enabled_at IS NULL) = (two_factor_secret_encrypted IS NULL));

    ALTER TABLE companies ADD COLUMN require_staff_two_factor boolean NOT NULL DEFAULT false;

    CREATE TABLE user_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset', 'change_email')),
      token_hash text NOT NULL,
      -- The address the link was sent to: verifying proves this one, not whatever the account says later.
      email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      CONSTRAINT user_tokens_hash_unique UNIQUE (token_hash)
    );
    CREATE INDEX user_tokens_user_purpose ON user_tokens (user_id, purpose, created_at);

    CREATE TABLE two_factor_recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz
    );
    CREATE INDEX two_factor_recovery_codes_user ON two_factor_recovery_codes (user_id);

    -- A password was right; the second factor is still owed. Wrong codes count here, so they survive restarts
    -- and are shared by every server process.
    CREATE TABLE login_challenges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      ip text,
      user_agent text,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      completed_at timestamptz
    );
    CREATE INDEX login_challenges_user ON login_challenges (user_id);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TABLE login_challenges;
    DROP TABLE two_factor_recovery_codes;
    DROP TABLE user_tokens;
    ALTER TABLE companies DROP COLUMN require_staff_two_factor;
    ALTER TABLE users DROP CONSTRAINT users_two_factor_consistent;
    ALTER TABLE users DROP COLUMN two_factor_last_step;
    ALTER TABLE users DROP COLUMN two_factor_enabled_at;
    ALTER TABLE users DROP COLUMN two_factor_pending_secret_encrypted;
    ALTER TABLE users DROP COLUMN two_factor_secret_encrypted;
    ALTER TABLE users DROP COLUMN email_verified_at;
    `,
  );
}
