/** A JSON request body, read within a bound: the one way checkout and writes take a body. */
import { isObject, parseJson } from '../../server/json.js';
import { ProxyError } from '../errors.js';
import { readCapped } from '../upstream.js';

/**
 * Reads `request`'s body as a JSON object of at most `max` bytes: 415 unless it is sent as
 * `application/json`, 413 when larger, 400 when it is not UTF-8 JSON or not an object.
 */
export async function readJsonBody(request: Request, max: number): Promise<{ value: Record<string, unknown>; text: string }> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ProxyError('unsupported_media_type', 'The request body must be sent as content-type: application/json.');
  const tooLarge = () => new ProxyError('payload_too_large', `The request body must be at most ${max} bytes.`);
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge();
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readCapped(request.body, max);
  } catch (error) {
    // The server cut the body (past its own cap, or the client went away or was too slow).
    if (error instanceof RangeError) throw tooLarge();
    throw new ProxyError('invalid_body', 'The request body could not be read to its end.');
  }
  if (!bytes) throw tooLarge();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProxyError('invalid_json', 'The request body is not valid UTF-8 JSON.');
  }
  const parsed = parseJson(text);
  if (!parsed) throw new ProxyError('invalid_json', 'The request body is not valid JSON.');
  if (!isObject(parsed.value)) throw new ProxyError('invalid_body', 'The request body must be a JSON object.');
  return { value: parsed.value, text };
}
