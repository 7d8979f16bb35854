export { makeTask, mapRegion, readGoldBlock, spliceBlock, splitLines, sliceRegion } from './mask.js';
