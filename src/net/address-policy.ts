/**
 * Where the action may send requests. Ping URLs and redirect targets come
 * from files anyone with a pull request can edit, so every hop is checked
 * twice: the URL's shape here (scheme, credentials, port, IP-literal host)
 * and, at connect time, every address the host name resolves to
 * (`guardedLookup`), which keeps DNS rebinding from slipping past the first
 * check.
 */
import dns from 'node:dns'
import type { LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

/** `code` of the error `guardedLookup` fails a connection with. */
export const ADDRESS_FORBIDDEN = 'ERR_TRACKBACK_ADDRESS_FORBIDDEN'

/** A connection refused because the host resolves to a forbidden address. */
export class AddressForbiddenError extends Error {
  readonly code = ADDRESS_FORBIDDEN
  constructor(
    readonly hostname: string,
    readonly address: string
  ) {
    super(
      `${hostname} resolves to ${address}, a private or special-purpose ` +
        'address; refused (set allow-private-networks to reach it)'
    )
    this.name = 'AddressForbiddenError'
  }
}

/** Ports a public blog or arXiv uses; others hint at an internal service. */
const PUBLIC_PORTS = new Set(['', '80', '443', '8080'])

/** IPv4 ranges (ipaddr.js names) that are not the public internet. */
const FORBIDDEN_V4 = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'benchmarking'
])

/** IPv6 ranges inside 2000::/3 that are still public unicast. */
const PUBLIC_V6 = new Set(['unicast', 'amt', 'as112v6'])

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3')

/**
 * Why the action must not request `url`, or undefined when it may.
 *
 * Checks scheme (http/https), credentials, port (80, 443, 8080 or the
 * scheme's default) and hosts that are IP literals. WHATWG URL parsing has
 * already turned decimal, octal and hex IPv4 forms (`http://2130706433/`,
 * `http://0x7f.1/`) into dotted quads, so one check covers all notations.
 * Host names are checked again at connect time by `guardedLookup`.
 */
export function urlPolicyError(
  url: string,
  allowPrivate: boolean
): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a valid absolute URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `scheme ${parsed.protocol.replace(/:$/, '')} is not allowed (only http and https)`
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'URLs with credentials are not allowed'
  }
  if (allowPrivate) return undefined
  if (!PUBLIC_PORTS.has(parsed.port)) {
    return `port ${parsed.port} is not allowed (only 80, 443 and 8080)`
  }
  const host = parsed.hostname.replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return `host ${host} is the local machine`
  }
  const literal = host.startsWith('[') ? host.slice(1, -1) : host
  if (
    (host.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(literal)) &&
    isForbiddenAddress(literal)
  ) {
    return `address ${literal} is private or special-purpose`
  }
  return undefined
}

/**
 * Whether `ip` is outside the public internet: loopback, RFC 1918 private,
 * link-local (169.254.169.254 is the cloud metadata service), CGNAT,
 * unique-local, multicast, unspecified, broadcast, reserved and documentation
 * ranges, and IPv6 forms that embed such an IPv4 address (mapped, NAT64,
 * 6to4). IPv6 outside global unicast 2000::/3 (IPv4-compatible `::a.b.c.d`
 * included) is refused too. Anything that does not parse counts as forbidden.
 */
export function isForbiddenAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (!ipaddr.isValid(bare)) return true
  const address = ipaddr.parse(bare)
  if (address.kind() === 'ipv4') {
    return FORBIDDEN_V4.has((address as ipaddr.IPv4).range())
  }
  const v6 = address as ipaddr.IPv6
  const embedded = embeddedIPv4(v6)
  if (embedded) return isForbiddenAddress(embedded)
  if (!v6.match(GLOBAL_UNICAST_V6)) return true
  return !PUBLIC_V6.has(v6.range())
}

/** The IPv4 address an IPv6 address carries, for the forms that route to it. */
function embeddedIPv4(address: ipaddr.IPv6): string | undefined {
  const p = address.parts
  const v4 = (hi: number, lo: number): string =>
    [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.')
  const range = address.range()
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return v4(p[6] ?? 0, p[7] ?? 0)
  }
  if (range === '6to4') return v4(p[1] ?? 0, p[2] ?? 0)
  return undefined
}

/**
 * A `lookup` for `http.Agent`/`https.Agent` that resolves with `dns.lookup`
 * (all addresses) and fails the connection with `AddressForbiddenError` when
 * any resolved address is forbidden. Checking at connect time means the
 * address the socket uses is the one that was checked.
 *
 * IP-literal hosts never reach a lookup function, which is why
 * `urlPolicyError` checks them.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '')
        return
      }
      if (!allowPrivate) {
        const bad = addresses.find((entry) => isForbiddenAddress(entry.address))
        if (bad) {
          callback(new AddressForbiddenError(hostname, bad.address), '')
          return
        }
      }
      const first = addresses[0]
      if (options.all) callback(null, addresses)
      else if (first) callback(null, first.address, first.family)
      else {
        const none: NodeJS.ErrnoException = new Error(
          `no addresses for ${hostname}`
        )
        none.code = 'ENOTFOUND'
        callback(none, '')
      }
    })
  }
}
