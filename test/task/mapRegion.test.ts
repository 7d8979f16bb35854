// The gold block of an imported A.S.E row: the vulnerable region found again in the fixed file.
import { describe, expect, it } from 'vitest';
import { mapRegion } from '../../src/task/index.js';

describe('mapRegion', () => {
  it('follows lines the fix added inside the region', () => {
    expect(mapRegion(['a', 'b', 'X', 'Y', 'c', 'd'], ['a', 'b', 'X2', 'Y', 'Z', 'c', 'd'], [3, 4])).toEqual([3, 5]);
  });
  it('shifts with lines added before the region', () => {
    expect(mapRegion(['a', 'X', 'Y', 'c'], ['h1', 'h2', 'a', 'X', 'Y2', 'c'], [2, 3])).toEqual([4, 5]);
  });
  it('takes edits touching the region edges into it', () => {
    expect(mapRegion(['a', 'X', 'c', 'd'], ['a', 'X2', 'c2', 'd'], [2, 2])).toEqual([2, 3]);
  });
  it('works at the start and at the end of the file', () => {
    expect(mapRegion(['X', 'a'], ['X2', 'a'], [1, 1])).toEqual([1, 1]);
    expect(mapRegion(['a', 'X'], ['a', 'X2', 'X3'], [2, 2])).toEqual([2, 3]);
  });
  it('gives an empty region when the fix deleted the block', () => {
    const [s, e] = mapRegion(['a', 'X', 'Y', 'b'], ['a', 'b'], [2, 3]);
    expect(e).toBe(s - 1);
  });
});
