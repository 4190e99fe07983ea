import { describe, expect, it } from '@jest/globals'
import type { LookupAddress } from 'node:dns'
import {
  ADDRESS_FORBIDDEN,
  guardedLookup,
  isForbiddenAddress,
  urlPolicyError
} from '../../src/net/address-policy.js'

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '169.254.0.1',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '255.255.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.9',
    '198.18.0.1',
    '240.0.0.1',
    '::1',
    '::',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456:789a::1',
    'ff02::1',
    'fec0::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '::ffff:0:127.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    '2001:db8::1',
    '2001::1',
    '100::1',
    'not-an-ip',
    ''
  ])('%s is forbidden', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true)
  })

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '128.84.21.199',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1'
  ])('%s is allowed', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false)
  })
})

describe('urlPolicyError', () => {
  it.each([
    ['https://arxiv.org/trackback/2101.00001'],
    ['http://blog.example/wp-trackback.php?p=1'],
    ['http://blog.example:80/tb'],
    ['https://blog.example:443/tb'],
    ['http://blog.example:8080/tb'],
    ['http://8.8.8.8/tb'],
    ['http://[2606:4700:4700::1111]/tb']
  ])('allows %s', (url) => {
    expect(urlPolicyError(url, false)).toBeUndefined()
  })

  it.each([
    ['ftp://blog.example/tb', /scheme ftp/],
    ['file:///etc/passwd', /scheme file/],
    ['javascript:alert(1)', /scheme javascript/],
    ['gopher://x/', /scheme gopher/],
    ['/relative/path', /not a valid absolute URL/],
    ['http://user:pw@blog.example/tb', /credentials/],
    ['http://user@blog.example/tb', /credentials/],
    ['http://blog.example:22/tb', /port 22/],
    ['https://blog.example:8443/tb', /port 8443/],
    ['http://localhost/tb', /local machine/],
    ['http://LOCALHOST./tb', /local machine/],
    ['http://api.localhost/tb', /local machine/],
    ['http://127.0.0.1/tb', /127\.0\.0\.1/],
    ['http://127.1/tb', /127\.0\.0\.1/],
    ['http://2130706433/tb', /127\.0\.0\.1/],
    ['http://0x7f000001/tb', /127\.0\.0\.1/],
    ['http://0x7f.0.0.1/tb', /127\.0\.0\.1/],
    ['http://017700000001/tb', /127\.0\.0\.1/],
    ['http://0177.0.0.01/tb', /127\.0\.0\.1/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
    ['http://0xa9fea9fe/', /169\.254\.169\.254/],
    ['http://10.1.2.3/tb', /10\.1\.2\.3/],
    ['http://0/tb', /0\.0\.0\.0/],
    ['http://[::1]/tb', /::1/],
    ['http://[::ffff:127.0.0.1]/tb', /private/],
    ['http://[fd00::1]:80/tb', /private/],
    ['http://[fe80::1]/tb', /private/]
  ])('refuses %s', (url, reason) => {
    expect(urlPolicyError(url, false)).toMatch(reason)
  })

  it('allows loopback and any port with allowPrivate, but never other schemes or credentials', () => {
    expect(urlPolicyError('http://127.0.0.1:4567/tb', true)).toBeUndefined()
    expect(urlPolicyError('http://localhost:1/tb', true)).toBeUndefined()
    expect(urlPolicyError('file:///etc/passwd', true)).toMatch(/scheme/)
    expect(urlPolicyError('http://a:b@127.0.0.1/', true)).toMatch(/credentials/)
  })
})

function lookup(
  allowPrivate: boolean,
  host: string,
  all: boolean
): Promise<{
  error: NodeJS.ErrnoException | null
  address: string | LookupAddress[]
  family?: number
}> {
  return new Promise((resolve) => {
    guardedLookup(allowPrivate)(host, { all }, (error, address, family) =>
      resolve({ error, address, ...(family !== undefined ? { family } : {}) })
    )
  })
}

describe('guardedLookup', () => {
  it('refuses a name that resolves to loopback', async () => {
    const { error } = await lookup(false, 'localhost', false)
    expect(error?.code).toBe(ADDRESS_FORBIDDEN)
    expect(error?.message).toMatch(/localhost resolves to .* refused/)
  })

  it('resolves loopback when private networks are allowed, in both callback forms', async () => {
    const one = await lookup(true, 'localhost', false)
    expect(one.error).toBeNull()
    expect(typeof one.address).toBe('string')
    expect([4, 6]).toContain(one.family)
    const all = await lookup(true, 'localhost', true)
    expect(Array.isArray(all.address)).toBe(true)
    expect((all.address as LookupAddress[]).length).toBeGreaterThan(0)
  })

  it('refuses an IP literal passed to the lookup', async () => {
    const { error } = await lookup(false, '169.254.169.254', true)
    expect(error?.code).toBe(ADDRESS_FORBIDDEN)
  })

  it('passes DNS failures through', async () => {
    const { error } = await lookup(false, 'no-such-host.invalid', false)
    expect(error?.code).toMatch(/ENOTFOUND|EAI_AGAIN/)
  })
})
