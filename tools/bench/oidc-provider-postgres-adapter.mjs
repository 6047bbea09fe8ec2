// A PostgreSQL adapter for node-oidc-provider, written for device-flow.bench.mjs so that the
// anchor stores its device codes as durably as Launchpad does (issue #11: the durable peer).
// One table for every model, the payload as JSONB, and the columns the adapter looks rows up by
// (grant id, user code, session uid) beside it. Every write is one autocommitted statement and
// there is no cache: a find always reads the database, as Launchpad's poll does.
import pg from 'pg';

const SCHEMA = `
  create table if not exists oidc_models (
    id text not null,
    model text not null,
    payload jsonb not null,
    grant_id text,
    user_code text,
    uid text,
    expires_at timestamptz,
    consumed_at timestamptz,
    primary key (id, model)
  );
  create index if not exists oidc_models_grant_id on oidc_models (grant_id) where grant_id is not null;
  create index if not exists oidc_models_user_code on oidc_models (model, user_code)
    where user_code is not null;
  create index if not exists oidc_models_uid on oidc_models (model, uid) where uid is not null;
`;

// Expired rows are not answered (the adapter contract: "when found and not dropped yet due to
// expiration"); nothing sweeps them during a bench run.
const LIVE = '(expires_at is null or expires_at > now())';
const COLUMNS = 'payload, extract(epoch from consumed_at)::int as consumed';

/** The stored payload, with `consumed` (epoch seconds) once consume() has marked it. */
const payloadOf = (rows) => {
  const row = rows[0];
  if (row === undefined) return undefined;
  return row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed };
};

export class PostgresAdapter {
  /** `model` is the oidc-provider model name: DeviceCode, AccessToken, Session, Grant… */
  constructor(pool, model) {
    this.pool = pool;
    this.model = model;
  }

  /** `expiresIn` is in seconds; the provider may leave it out for models that do not expire. */
  async upsert(id, payload, expiresIn) {
    await this.pool.query(
      `insert into oidc_models (id, model, payload, grant_id, user_code, uid, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
       on conflict (id, model) do update set payload = excluded.payload,
         grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid,
         expires_at = excluded.expires_at`,
      [
        id,
        this.model,
        payload,
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        expiresIn ?? null,
      ],
    );
  }

  async find(id) {
    const { rows } = await this.pool.query(
      `select ${COLUMNS} from oidc_models where id = $1 and model = $2 and ${LIVE}`,
      [id, this.model],
    );
    return payloadOf(rows);
  }

  async findByUserCode(userCode) {
    const { rows } = await this.pool.query(
      `select ${COLUMNS} from oidc_models where model = $1 and user_code = $2 and ${LIVE}`,
      [this.model, userCode],
    );
    return payloadOf(rows);
  }

  async findByUid(uid) {
    const { rows } = await this.pool.query(
      `select ${COLUMNS} from oidc_models where model = $1 and uid = $2 and ${LIVE}`,
      [this.model, uid],
    );
    return payloadOf(rows);
  }

  async consume(id) {
    await this.pool.query(
      'update oidc_models set consumed_at = now() where id = $1 and model = $2',
      [id, this.model],
    );
  }

  async destroy(id) {
    await this.pool.query('delete from oidc_models where id = $1 and model = $2', [id, this.model]);
  }

  /** Every token of the grant goes, whatever its model (the contract: "all tokens"). */
  async revokeByGrantId(grantId) {
    await this.pool.query('delete from oidc_models where grant_id = $1', [grantId]);
  }
}

/**
 * A pool on `connectionString` (10 connections, as Launchpad's), the table created, and the
 * `adapter` option for oidc-provider: a factory called with each model's name.
 */
export async function postgresAdapter(connectionString) {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 5000, max: 10 });
  await pool.query(SCHEMA);
  return { pool, adapter: (model) => new PostgresAdapter(pool, model) };
}
