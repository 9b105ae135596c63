// A fast non-cryptographic hash of a string, for names only: whatever it names must carry the full
// text it was made from, and be checked against it (a collision then costs a miss, never a wrong
// answer). The warm commit hook uses it so that it never loads node:crypto (~4 ms).

/** Two 32-bit FNV-1a style lanes over the UTF-16 units of `text`, as 16 hex digits. */
export function quickHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
