export * from './types.js';
export * from './errors.js';
export * from './hash.js';
export * from './files.js';
