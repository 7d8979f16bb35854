export { buildPrompt, type ContextOptions } from './prompt.js';
export { retrieveBm25, listSourceFiles, codeTokens, type Retrieved } from './retrieve.js';
export { countTokens, truncateToTokens } from './tokens.js';
export { SYSTEM_PROMPT } from './templates.js';
