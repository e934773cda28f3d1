/**
 * SHA-256 digests and their encodings: entity tags, CSP hashes, constant-time comparison.
 * Web Crypto only, so this file runs at the edge.
 */

/** SHA-256 of a string's UTF-8 bytes. */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Standard base64 (with padding), as CSP hash sources and SRI values use it. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64url without padding, safe in a quoted entity tag or a URL. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** A strong entity tag for a body: base64url of its SHA-256, quoted. */
export async function strongEtag(body: string): Promise<string> {
  return `"${toBase64Url(await sha256(body))}"`;
}

/** Whether two digests are equal, looking at every byte whatever differs. */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
