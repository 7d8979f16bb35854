export { cacheRoot, cacheDir, fillCacheDir } from './cache.js';
export { fetchSource, describeSource, type FetchOptions, type FetchedSource } from './sources.js';
export { createWorkspace, removeWorkspace } from './workspace.js';
