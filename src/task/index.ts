export { makeTask, readGoldBlock, spliceBlock, splitLines, sliceRegion, MASK_TOKEN } from './mask.js';
