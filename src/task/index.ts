export { makeTask, mapRegion, readGoldBlock, spliceBlock, splitLines, sliceRegion } from './mask.js';
export { applyEdScript, makeEdScript } from './ed.js';
