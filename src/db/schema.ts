/**
 * The app's own state in PostgreSQL, as drizzle tables: the one description of the schema, from which drizzle-kit
 * generates the migrations (src/db/migrations) and drizzle types every query. Temporal keeps the cases; this keeps
 * what the API instances must share and nobody may lose.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RegistryFile } from '../schemas/organisation';

/**
 * Every organisation registry the province has had, one row per replacement, never updated or deleted: the newest
 * row is the registry in force, the older ones tell an auditor which was in force when. Ids come from one identity
 * sequence and replacements are serialised (registry-store.ts), so a higher id is always the later registry.
 */
export const registryVersions = pgTable('registry_versions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  /** The whole registry as PUT /registry received it, validated whole before it was written. */
  file: jsonb('file').$type<RegistryFile>().notNull(),
  /** Where it came from: an admin's PUT /registry, or the file the first start seeded an empty table from. */
  source: text('source').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** The admin's user id from their token; null for a seed. (Accounts, next, will hold these ids.) */
  savedBy: text('saved_by'),
});

/**
 * The people who sign in. The username is also the account's id, recorded with every step a person takes (the
 * workflow's `recordedBy.userId`), so it never changes: a renamed person keeps their username and gets a new full
 * name. No password for an account that signs in only through the province's identity provider.
 */
export const accounts = pgTable(
  'accounts',
  {
    username: text('username').primaryKey(),
    fullName: text('full_name').notNull(),
    /** argon2id (PHC string); null: no password sign-in. */
    passwordHash: text('password_hash'),
    enabled: boolean('enabled').notNull().default(true),
    /** Set by a one-time password (a new account, an admin's reset): the next sign-in must choose a new one. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Consecutive failed sign-ins; reset by a successful one or an admin's unlock. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** The identity provider's issuer and subject, once the person has signed in through it. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: text('created_by'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
  },
  // One account per person at the identity provider, even when their first two sign-ins race.
  (t) => [uniqueIndex('accounts_oidc_identity').on(t.oidcIssuer, t.oidcSubject)],
);

/** What an account may act as: a role in an organisation of the registry. A person may hold several. */
export const accountGrants = pgTable(
  'account_grants',
  {
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    orgId: text('org_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    grantedBy: text('granted_by'),
  },
  (t) => [primaryKey({ columns: [t.username, t.role, t.orgId] })],
);

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256 is kept, so a copy of this table signs no
 * one in. The grant the person chose to act as is the session's, and every step it records carries it.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    orgId: text('org_id').notNull(),
    /** The synchronizer token every state-changing request of this session must echo in x-csrf-token. */
    csrfToken: text('csrf_token').notNull(),
    /** 'password' or 'oidc'. */
    method: text('method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** The absolute end, however active the session is. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_username').on(t.username)],
);

/** Personal access tokens for the CLI, scripts and webhooks: one role in one organisation, an expiry, revocable. */
export const accessTokens = pgTable(
  'access_tokens',
  {
    /** Public part of the token, shown in lists and used to revoke it. */
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    orgId: text('org_id').notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('access_tokens_username').on(t.username)],
);

/**
 * Every sign-in, failure, lock, sign-out and admin action on accounts, for the auditor: append-only like the
 * registry's versions. Never a password, hash or token.
 */
export const authEvents = pgTable(
  'auth_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    /** The account concerned (may not exist: a failed sign-in with an unknown username). */
    username: text('username'),
    /** Who did it, when someone else did (an admin). */
    actor: text('actor'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('auth_events_username').on(t.username), index('auth_events_at').on(t.at)],
);

/**
 * The numbers cells and committees gave their official documents (src/documents/numbering.ts): the number is theirs to
 * set, the engine suggests the highest used + 1 for the body, year and series, and the database refuses a number given
 * twice. A case's document keeps the number it was given; a report (no case) is one per body, form and year.
 */
export const documentNumbers = pgTable(
  'document_numbers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The issuing cell or committee, as the registry names it. */
    issuerId: text('issuer_id').notNull(),
    year: integer('year').notNull(),
    /** NQ (resolution), QĐ (decision), BC (report): "Số 12-QĐ/ĐU". */
    series: text('series').notNull(),
    number: integer('number').notNull(),
    /** Null for the committee's annual report. */
    caseId: text('case_id'),
    /** The form: 6-KNĐ … 16-KNĐ, or "BC-KNĐ 2026" for the annual report on 2026. */
    form: text('form').notNull(),
    /** The case's trail entry of the step the document records (null for a report). */
    trailSeq: integer('trail_seq'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('document_numbers_number').on(t.issuerId, t.year, t.series, t.number),
    uniqueIndex('document_numbers_case_form')
      .on(t.caseId, t.form)
      .where(sql`${t.caseId} IS NOT NULL`),
    uniqueIndex('document_numbers_report')
      .on(t.issuerId, t.form, t.year)
      .where(sql`${t.caseId} IS NULL`),
  ],
);
