import * as assert from 'assert';
import { LineTable } from '../../server/src/parsing/cloudformation/positions';

/**
 * Line and character of `offset` counted the slow way: \n, \r\n and a lone \r end a line, and an
 * offset between the \r and \n of a line break is the line's end (as LSP clients place it).
 */
function slowPosition(text: string, offset: number): { line: number; character: number } {
  if (text[offset - 1] === '\r' && text[offset] === '\n') return slowPosition(text, offset - 1);
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

describe('CloudFormation line table', () => {
  const texts = ['', 'a', 'a\nb', 'ab\n\ncd\n', 'a\r\nb\r\n\r\nc', 'a\rb\r\rc\n', 'x\r\n\ny\rz\n\n'];

  it('gives every offset the line and character LSP counts, in any lookup order', () => {
    for (const text of texts) {
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
      // Ascending (the hint path), descending and shuffled (the binary search).
      const orders = [offsets, [...offsets].reverse(), offsets.map((o, i) => offsets[(i * 7) % offsets.length])];
      for (const order of orders) {
        const table = new LineTable(text);
        for (const o of order) {
          const p = table.position(o);
          assert.deepStrictEqual({ line: p.line, character: p.character }, slowPosition(text, o), `${JSON.stringify(text)} at ${o}`);
          assert.strictEqual(p.offset, text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
        }
      }
    }
  });

  it('answers repeated and colliding lookups in a long text the same as fresh ones', () => {
    // Longer than the table's position cache, with offsets that share a cache slot (o, o + 4096).
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i}${i % 3 === 0 ? '\r\n' : '\n'}`).join('');
    const table = new LineTable(text);
    const fresh = (o: number) => new LineTable(text).position(o);
    for (let round = 0; round < 2; round++) {
      for (let o = 0; o + 4096 * 3 <= text.length; o += 997) {
        for (const q of [o, o + 4096, o, o + 4096 * 3, o + 4096]) assert.deepStrictEqual(table.position(q), fresh(q), `offset ${q}`);
      }
    }
    assert.deepStrictEqual(table.position(-1), { line: 0, character: 0, offset: 0 });
    assert.deepStrictEqual(table.position(text.length + 10), fresh(text.length));
  });

  it('clamps offsets outside the text', () => {
    const table = new LineTable('ab\ncd');
    assert.deepStrictEqual(table.position(-3), { line: 0, character: 0, offset: 0 });
    assert.deepStrictEqual(table.position(99), { line: 1, character: 2, offset: 5 });
  });
});
