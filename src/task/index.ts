export { makeTask, readGoldBlock, spliceBlock, splitLines, sliceRegion } from './mask.js';
