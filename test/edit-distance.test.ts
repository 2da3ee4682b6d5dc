import fc from 'fast-check';
import { editDistance, nearestName } from '../lib/private/edit-distance';

describe('edit distance', () => {
  test('known distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Asia/Seoul', 'Asia/Seoull')).toBe(1);
  });

  test('with a limit: the distance when within it, limit + 1 when not', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, limit) => {
      expect(editDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1));
    }), { numRuns: 2000 });
  });

  test('the nearest name within the edits allowed, the first of equals', () => {
    expect(nearestName('shared_buffer', ['work_mem', 'shared_buffers', 'shared_buffersx'])).toBe('shared_buffers');
    expect(nearestName('SHARED_BUFFERS', ['shared_buffers'])).toBe('shared_buffers');
    expect(nearestName('max_conections', ['max_connections', 'max_connectionz'])).toBe('max_connections');
    expect(nearestName('wal_level', ['work_mem'])).toBeUndefined();
  });
});
