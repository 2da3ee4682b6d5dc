import fc from 'fast-check';
import { anyCodePoint } from './support/arbitraries';

// test/support/arbitraries.ts: the code point unit the property tests draw from.
describe('anyCodePoint', () => {
  test('draws single code points of every plane, never a lone surrogate', () => {
    const drawn = fc.sample(anyCodePoint, { numRuns: 2000, seed: 3 });
    for (const c of drawn) {
      expect([...c]).toHaveLength(1);
      expect(c).not.toMatch(/[\uD800-\uDFFF]/u);
    }
    expect(drawn.some((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
  });

  test('maps each code point back to the index it was drawn from, and refuses anything else', () => {
    for (const c of ['\u0000', 'a', '\uD7FF', '\uE000', '한', '😀', String.fromCodePoint(0x10ffff)]) expect(anyCodePoint.canShrinkWithoutContext(c)).toBe(true);
    for (const c of ['', 'ab', '\uD800', '\uDFFF', 'a😀', 1]) expect(anyCodePoint.canShrinkWithoutContext(c)).toBe(false);
  });

  test('a string of them is taken apart into its code points, as fast-check does with the strings it slips in (__proto__, …)', () => {
    const strings = fc.string({ unit: anyCodePoint, maxLength: 20 });
    for (const s of ['__proto__', 'toString', 'a\u0000b', '한국어😀']) expect(strings.canShrinkWithoutContext(s)).toBe(true);
    expect(strings.canShrinkWithoutContext('\uD800')).toBe(false);
    expect(strings.canShrinkWithoutContext('x'.repeat(21))).toBe(false);
  });
});
