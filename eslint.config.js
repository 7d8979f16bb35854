import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const stages = ['core', 'dataset', 'repo', 'task', 'context', 'models', 'integrate', 'analysis', 'dynamic', 'score', 'store', 'report', 'mutate', 'run', 'cli'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'datasets/**', 'rules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // A stage imports another stage only through its index.ts (architecture.md, "Rules of the house").
  ...stages.map((stage) => ({
    files: [`src/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^\\.\\./(?!${stage}/)(${stages.join('|')})/(?!index\\.js$).+`,
          message: 'Import another stage through its index.ts only.',
        }],
      }],
    },
  })),
);
