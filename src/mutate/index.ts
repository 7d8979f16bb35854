// Mutation stage (method.md §7, architecture.md: Instance → Instance[]): anti-memorisation variants
// of a seed as recipes (operators with explicit parameters) applied to the fetched source at run time.
export { materializeMutant, mutateLines, mutateVersions, type MaterializedMutant, type MutatedText } from './apply.js';
export { drawRecipe, mutantId, renameInProse, reservedWords, writeMutant, type DrawInput, type DrawnRecipe } from './generate.js';
export { describeOperator, type MutationOperator, type MutationRecipe } from './recipe.js';
export { MutationError } from './ast.js';
