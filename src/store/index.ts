export { ResultStore, type StoredAnswer, type StoredVerdict } from './store.js';
export { STORE_FILE, SCHEMA_VERSION } from './schema.js';
