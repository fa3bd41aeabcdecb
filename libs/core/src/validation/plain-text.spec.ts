import { toPlainText } from './plain-text.js';

describe('toPlainText', () => {
  it('strips tags and scripts but keeps the words', () => {
    expect(toPlainText('<b>Door</b> forced <script>alert(1)</script>open', 100)).toBe('Door forced open');
  });
  it('removes control and bidi characters, keeps newlines', () => {
    expect(toPlainText('a\u0000b\u0007c\nd\u202Ee', 100)).toBe('abc\nde');
  });
  it('decodes basic entities after stripping, so the text is plain', () => {
    expect(toPlainText('5 &lt; 6 &amp; ok', 100)).toBe('5 < 6 & ok');
  });
  it('caps the length', () => {
    expect(toPlainText('x'.repeat(50), 10)).toHaveLength(10);
  });
});
