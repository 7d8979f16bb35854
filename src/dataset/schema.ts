// The instance.yaml schema (method.md §1). Strict: unknown keys are errors, so a typo
// never silently changes what an instance means.
import { z } from 'zod';
import { LANGUAGES } from '../core/index.js';

export const CWE_RE = /^CWE-[1-9]\d*$/;
/** A commit hash or any git ref (HEAD, a tag, `abc123^`). */
export const GIT_REF_RE = /^[\w][\w./~^-]*$/;

const Name = z.string().min(1);
const Range = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([a, b]) => a <= b, { message: 'start line is after end line' });

const Integrity = z.string().regex(/^sha(256|384|512)-[A-Za-z0-9+/]+=*$/, 'not an SRI hash (sha512-…)');

export const RepoSourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('npm'), name: Name, version: Name, integrity: Integrity }),
  z.strictObject({ type: z.literal('git'), repo: Name, commit: z.string().regex(GIT_REF_RE, 'not a git commit or ref') }),
  z.strictObject({ type: z.literal('local'), path: Name }),
]);

const DynamicSchema = z.strictObject({
  file: Name,
  runner: z.enum(['node', 'php', 'python']).optional(),
  timeout_ms: z.number().int().positive().max(600_000).optional(),
});

export const FixSchema = z
  .strictObject({
    source: RepoSourceSchema.optional(),
    file: Name.optional(),
    lines: Range.optional(),
    block_file: Name.optional(),
    block_patch: Name.optional(),
    note: z.string().optional(),
  })
  .refine((f) => f.block_file !== undefined || f.block_patch !== undefined || (f.source !== undefined && f.lines !== undefined), {
    message: 'needs block_patch, block_file, or source and lines',
  })
  .refine((f) => f.block_file === undefined || f.block_patch === undefined, { message: 'block_file and block_patch exclude each other' });

const Ident = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'not a JavaScript identifier');

/** A mutant's recipe (src/mutate, docs/mutation.md): operators with explicit parameters, no code. */
export const MutationSchema = z.strictObject({
  seed_dataset: Name,
  generator_seed: z.number().int().optional(),
  operators: z.array(z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('rename'), map: z.record(Ident, Ident).refine((m) => Object.keys(m).length > 0, { message: 'renames nothing' }) }),
    z.strictObject({ op: z.literal('reorder'), order: z.array(Ident).min(2) }),
    z.strictObject({ op: z.literal('early-return'), index: z.number().int().min(0), of: z.number().int().min(1) })
      .refine((o) => o.index < o.of, { message: 'index must be below of' }),
  ])).min(1),
});

/** Fields as written in instance.yaml (dataset and dir are derived from the folder). */
export const InstanceFileSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-"'),
  cwe: z.string().regex(CWE_RE, 'must be a canonical CWE id such as CWE-22'),
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must look like CVE-2014-3744').optional(),
  advisory: z.string().optional(),
  title: z.string().optional(),
  language: z.enum(LANGUAGES),
  source: RepoSourceSchema,
  vuln_file: Name,
  vuln_lines: Range.refine(([a, b]) => b > a, { message: 'a masked region spans at least two lines (method.md §1)' }),
  function: z.string().optional(),
  fix: FixSchema.optional(),
  summary: z.string().min(20, 'summary is missing or too short'),
  rules: z.array(Name).default([]),
  tests: DynamicSchema.optional(),
  poc: DynamicSchema.optional(),
  seed: z.boolean().default(true),
  mutation_of: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not an instance id').optional(),
  mutation: MutationSchema.optional(),
  notes: z.string().optional(),
}).refine((i) => i.seed || i.mutation_of !== undefined, { message: 'a mutant (seed: false) names its seed in mutation_of', path: ['mutation_of'] })
  .refine((i) => i.mutation === undefined || (!i.seed && i.mutation_of !== undefined), { message: 'a recipe belongs to a mutant (seed: false, mutation_of set)', path: ['mutation'] });

export type InstanceFile = z.infer<typeof InstanceFileSchema>;

/** Renders a zod error as `field: problem` (the first issue). */
export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.') || '(root)';
  return `${path}: ${issue.message}`;
}
