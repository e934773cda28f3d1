/**
 * Client addresses as the rate limits key them. No Node APIs: this file runs at the edge.
 *
 * One address has many spellings (`10.0.0.1`, `010.0.0.1`, `10.0.0.1.`, `::ffff:10.0.0.1`,
 * `[::FFFF:a00:1]`), and an IPv6 client holds a whole /64 (2^64 addresses): keyed verbatim, each
 * spelling and each address of the /64 would get a budget of its own.
 */

/** The four octets of a dotted-decimal IPv4 address (leading zeros read as decimal), else undefined. */
function ipv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` and an IPv4 tail allowed), else undefined. */
function ipv6(text: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  const tail: number[] = [];
  if (text.includes('.')) {
    const last = text.lastIndexOf(':');
    const octets = ipv4(text.slice(last + 1));
    if (!octets) return undefined;
    tail.push(((octets[0] as number) << 8) | (octets[1] as number), ((octets[2] as number) << 8) | (octets[3] as number));
    head = text.slice(0, last + 1);
    head = head.endsWith('::') ? head : head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (![...left, ...right].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const zeros = Array.from({ length: 8 - given }, () => 0);
  return [...left.map((group) => parseInt(group, 16)), ...zeros, ...right.map((group) => parseInt(group, 16)), ...tail];
}

/**
 * The rate limits' key for a client address: an IPv4 address in canonical dotted decimal (an
 * IPv4-mapped IPv6 address included), an IPv6 address as its /64 (`2001:db8:1:2::/64`), anything else
 * lower-cased as given. Undefined stays undefined.
 */
export function clientKey(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  // Brackets, a zone (`%eth0`) and a trailing dot are spelling, not address.
  const text = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '').replace(/\.$/, '');
  const octets = ipv4(text);
  if (octets) return octets.join('.');
  const groups = ipv6(text);
  if (!groups) return text;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}
