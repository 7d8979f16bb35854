// The results store: one SQLite file per output folder (better-sqlite3, WAL). Every answer is
// written the moment it arrives, so a killed run loses at most the jobs in flight.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  HarnessError, hashJson, type Answer, type CycleVerdict, type Instance, type JobKey, type Prompt,
} from '../core/index.js';
import { SCHEMA_SQL, SCHEMA_VERSION, STORE_FILE } from './schema.js';

export interface StoredAnswer extends Answer {
  prompt_hash: string;
}

export interface StoredVerdict extends JobKey {
  verdict: CycleVerdict;
  merged_file: string | null;
}

export class ResultStore {
  private constructor(private readonly db: Database.Database, readonly file: string) {}

  /**
   * Opens (or creates) DIR/ase.sqlite. `fresh` moves an existing store aside to ase.sqlite.bak
   * instead of deleting it. Throws STORE_INVALID for a file that is not one of ours.
   */
  static open(dir: string, opts: { fresh?: boolean; readonly?: boolean } = {}): ResultStore {
    const file = path.join(dir, STORE_FILE);
    if (opts.readonly && !existsSync(file)) throw new HarnessError('STORE_INVALID', `${dir}: no results store (${STORE_FILE}) here; run \`ase run --out ${dir}\` first`);
    mkdirSync(dir, { recursive: true });
    if (opts.fresh && existsSync(file)) {
      for (const ext of ['-wal', '-shm']) if (existsSync(file + ext)) renameSync(file + ext, `${file}.bak${ext}`);
      renameSync(file, `${file}.bak`);
    }
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
      if (!opts.readonly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec(SCHEMA_SQL);
      }
      const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
      if (!row && !opts.readonly) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
      else if (row && Number(row.value) !== SCHEMA_VERSION) {
        throw new HarnessError('STORE_INVALID', `${file}: store schema version ${row.value}, this ase reads ${SCHEMA_VERSION}`);
      }
    } catch (err) {
      if (err instanceof HarnessError) throw err;
      throw new HarnessError('STORE_INVALID', `${file}: not a readable results store (${err instanceof Error ? err.message : String(err)})`);
    }
    return new ResultStore(db, file);
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  startRun(command: string, manifest: Record<string, unknown>): number {
    const r = this.db.prepare('INSERT INTO runs (started_at, command, manifest) VALUES (?, ?, ?)').run(new Date().toISOString(), command, JSON.stringify(manifest));
    return Number(r.lastInsertRowid);
  }

  finishRun(id: number): void {
    this.db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  lastManifest(): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT manifest FROM runs ORDER BY id DESC LIMIT 1').get() as { manifest: string } | undefined;
    return row ? (JSON.parse(row.manifest) as Record<string, unknown>) : undefined;
  }

  /** Records an instance snapshot; returns its hash. */
  putInstance(inst: Instance): string {
    const hash = hashJson(inst);
    this.db.prepare('INSERT INTO instances (id, hash, json) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, json = excluded.json')
      .run(inst.id, hash, JSON.stringify(inst));
    return hash;
  }

  instances(): Instance[] {
    return (this.db.prepare('SELECT json FROM instances ORDER BY id').all() as { json: string }[]).map((r) => JSON.parse(r.json) as Instance);
  }

  /**
   * Records a model's configuration. A store holds one configuration per model id: a different
   * one (other parameters, other base URL) is refused rather than mixed into the same scores.
   */
  putModel(model: string, config: Record<string, unknown>): void {
    const hash = hashJson(config);
    const row = this.db.prepare('SELECT config_hash, json FROM models WHERE model = ?').get(model) as { config_hash: string; json: string } | undefined;
    if (row && row.config_hash !== hash) {
      throw new HarnessError('CONFIG_INVALID', `${this.file}: model "${model}" was run here with other settings (${row.json}); use --fresh or another --out`);
    }
    if (!row) this.db.prepare('INSERT INTO models (model, config_hash, json) VALUES (?, ?, ?)').run(model, hash, JSON.stringify(config));
  }

  models(): { model: string; config: Record<string, unknown> }[] {
    return (this.db.prepare('SELECT model, json FROM models ORDER BY rowid').all() as { model: string; json: string }[])
      .map((r) => ({ model: r.model, config: JSON.parse(r.json) as Record<string, unknown> }));
  }

  putPrompt(instanceId: string, p: Prompt): void {
    this.db.prepare('INSERT OR IGNORE INTO prompts (hash, instance_id, system, user, tokens, files) VALUES (?, ?, ?, ?, ?, ?)')
      .run(p.hash, instanceId, p.system, p.user, p.tokens, JSON.stringify(p.files));
  }

  promptHashes(): Record<string, string> {
    const rows = this.db.prepare('SELECT instance_id, hash FROM prompts ORDER BY instance_id').all() as { instance_id: string; hash: string }[];
    return Object.fromEntries(rows.map((r) => [r.instance_id, r.hash]));
  }

  getPrompt(hash: string): { system: string; user: string } | undefined {
    return this.db.prepare('SELECT system, user FROM prompts WHERE hash = ?').get(hash) as { system: string; user: string } | undefined;
  }

  putAnswer(key: JobKey, a: StoredAnswer): void {
    this.db.prepare(`INSERT INTO answers (instance_id, model, cycle, prompt_hash, raw, exact_block, usage, latency_ms, cached, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(instance_id, model, cycle) DO UPDATE SET
      prompt_hash = excluded.prompt_hash, raw = excluded.raw, exact_block = excluded.exact_block, usage = excluded.usage,
      latency_ms = excluded.latency_ms, cached = excluded.cached, created_at = excluded.created_at`)
      .run(key.instance_id, key.model, key.cycle, a.prompt_hash, a.raw, a.exact_block ? JSON.stringify(a.exact_block) : null,
        a.usage ? JSON.stringify(a.usage) : null, a.latency_ms, a.cached ? 1 : 0, new Date().toISOString());
  }

  getAnswer(key: JobKey): StoredAnswer | undefined {
    const r = this.db.prepare('SELECT * FROM answers WHERE instance_id = ? AND model = ? AND cycle = ?').get(key.instance_id, key.model, key.cycle) as
      | { prompt_hash: string; raw: string; exact_block: string | null; usage: string | null; latency_ms: number; cached: number; model: string }
      | undefined;
    if (!r) return undefined;
    return {
      model: r.model, prompt_hash: r.prompt_hash, raw: r.raw, latency_ms: r.latency_ms, cached: r.cached === 1,
      ...(r.exact_block ? { exact_block: JSON.parse(r.exact_block) as string[] } : {}),
      ...(r.usage ? { usage: JSON.parse(r.usage) as Answer['usage'] } : {}),
    };
  }

  putVerdict(key: JobKey, v: CycleVerdict, mergedFile: string | null): void {
    this.db.prepare(`INSERT INTO verdicts (instance_id, model, cycle, infra_error, merged_file, json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(instance_id, model, cycle) DO UPDATE SET infra_error = excluded.infra_error, merged_file = excluded.merged_file,
      json = excluded.json, created_at = excluded.created_at`)
      .run(key.instance_id, key.model, key.cycle, v.infra_error, mergedFile, JSON.stringify(v), new Date().toISOString());
  }

  getVerdict(key: JobKey): CycleVerdict | undefined {
    const r = this.db.prepare('SELECT json FROM verdicts WHERE instance_id = ? AND model = ? AND cycle = ?').get(key.instance_id, key.model, key.cycle) as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as CycleVerdict) : undefined;
  }

  verdicts(model?: string): StoredVerdict[] {
    const rows = (model
      ? this.db.prepare('SELECT * FROM verdicts WHERE model = ? ORDER BY instance_id, cycle').all(model)
      : this.db.prepare('SELECT * FROM verdicts ORDER BY model, instance_id, cycle').all()) as { instance_id: string; model: string; cycle: number; merged_file: string | null; json: string }[];
    return rows.map((r) => ({ instance_id: r.instance_id, model: r.model, cycle: r.cycle, merged_file: r.merged_file, verdict: JSON.parse(r.json) as CycleVerdict }));
  }

  /** Answers as (key → answer) for a model, e.g. for generation statistics. */
  answers(model: string): (JobKey & StoredAnswer)[] {
    const keys = this.db.prepare('SELECT instance_id, model, cycle FROM answers WHERE model = ? ORDER BY instance_id, cycle').all(model) as JobKey[];
    return keys.flatMap((k) => {
      const a = this.getAnswer(k);
      return a ? [{ ...k, ...a }] : [];
    });
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
