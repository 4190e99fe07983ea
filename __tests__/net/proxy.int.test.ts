/**
 * Pings through an HTTP proxy: a small forward/CONNECT proxy, a TrackBack
 * receiver and a TLS receiver, all on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import {
  ADDRESS_FORBIDDEN,
  guardedLookup
} from '../../src/net/address-policy.js'
import {
  proxyFor,
  proxyFromEnv,
  ProxyHttpAgent,
  ProxyHttpsAgent,
  type ProxySettings
} from '../../src/net/proxy.js'
import { createAgents } from '../../src/net/http-client.js'
import { postPing } from '../../src/send/trackback.js'
import { startReceiver, type Receiver } from '../../scripts/peers/receiver.mjs'
import { selfSignedCert } from '../support/cert.js'
import { startProxy, type Proxy } from '../support/proxy.js'

describe('proxyFromEnv and proxyFor', () => {
  const settings = proxyFromEnv({
    HTTPS_PROXY: 'proxy.corp:3128',
    http_proxy: 'http://user:p%40ss@proxy.corp:8080',
    HTTP_PROXY: 'http://ignored.corp:1',
    NO_PROXY: 'intranet.corp, .internal.example,*.lab.example ,localhost:8443'
  })

  it('reads the variables, lower-case first, http:// by default', () => {
    expect(settings.https?.href).toBe('http://proxy.corp:3128/')
    expect(settings.http?.href).toBe('http://user:p%40ss@proxy.corp:8080/')
    expect(settings.noProxy).toEqual([
      'intranet.corp',
      '.internal.example',
      '*.lab.example',
      'localhost:8443'
    ])
  })

  it.each([
    ['https:', 'arxiv.org', 443, 'proxy.corp:3128'],
    ['http:', 'blog.example.org', 80, 'proxy.corp:8080'],
    ['https:', 'intranet.corp', 443, undefined],
    ['https:', 'wiki.intranet.corp', 443, undefined],
    ['https:', 'notintranet.corp', 443, 'proxy.corp:3128'],
    ['https:', 'a.internal.example', 443, undefined],
    ['https:', 'internal.example', 443, undefined],
    ['https:', 'x.lab.example', 443, undefined],
    ['https:', 'localhost', 8443, undefined],
    ['https:', 'localhost', 443, 'proxy.corp:3128']
  ])('%s//%s:%d → %p', (protocol, host, port, expected) => {
    expect(proxyFor(settings, protocol, host, port)?.host).toBe(expected)
  })

  it('goes direct for every host with NO_PROXY=*, and without proxies', () => {
    const all = proxyFromEnv({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })
    expect(proxyFor(all, 'https:', 'arxiv.org', 443)).toBeUndefined()
    const none = proxyFromEnv({})
    expect(proxyFor(none, 'http:', 'arxiv.org', 80)).toBeUndefined()
  })
})

const FIXTURES = path.resolve('__tests__/fixtures')
const request = (ping: string): Parameters<typeof postPing>[0] => ({
  id: ping,
  ping,
  fields: {
    url: 'https://blog.example.org/post.html',
    title: 'A post',
    excerpt: 'About it.',
    blog_name: 'Blog'
  }
})
const client = {
  timeoutMs: 5000,
  userAgent: 'test',
  allowPrivateNetworks: true
}

describe('pings through a proxy', () => {
  let proxy: Proxy
  let receiver: Receiver
  let tlsServer: https.Server
  let tlsPort: number
  const tlsBodies: string[] = []
  const ca = readFileSync(path.join(FIXTURES, 'localhost-cert.pem'))

  beforeAll(async () => {
    proxy = await startProxy()
    receiver = await startReceiver({ floodSeconds: 0 })
    tlsServer = https.createServer(
      { key: readFileSync(path.join(FIXTURES, 'localhost-key.pem')), cert: ca },
      (req, res) => {
        let body = ''
        req.on('data', (chunk: Buffer) => (body += chunk.toString()))
        req.on('end', () => {
          tlsBodies.push(
            `${req.method} ${req.url} host=${req.headers.host} ${body}`
          )
          res.writeHead(200, { 'Content-Type': 'text/xml' })
          res.end('<?xml version="1.0"?><response><error>0</error></response>')
        })
      }
    )
    await new Promise<void>((resolve) =>
      tlsServer.listen(0, '127.0.0.1', resolve)
    )
    tlsPort = (tlsServer.address() as AddressInfo).port
  })

  afterAll(async () => {
    await proxy?.close()
    await receiver?.close()
    await new Promise((resolve) => tlsServer?.close(resolve))
  })

  const withProxy = (noProxy: string[] = []): ProxySettings => ({
    http: new URL(`http://me:secret@${proxy.url.host}`),
    https: proxy.url,
    noProxy
  })

  it('forwards an http ping in absolute form, with the proxy credentials', async () => {
    const ping = `${receiver.url}/wp-trackback.php?p=1`
    const agents = createAgents(true, false, withProxy())
    const attempt = await postPing(request(ping), { ...client, agents })
    expect(attempt.kind).toBe('sent')
    expect(proxy.log).toEqual([
      `POST ${ping} auth=Basic ${Buffer.from('me:secret').toString('base64')}`
    ])
    expect(receiver.accepted().map((p) => p.fields.title)).toEqual(['A post'])
  })

  it('tunnels an https ping to the checked address, TLS to the name inside', async () => {
    proxy.log.length = 0
    const lookup = guardedLookup(true)
    const agents = {
      http: new ProxyHttpAgent(withProxy(), lookup, { lookup }),
      https: new ProxyHttpsAgent(withProxy(), lookup, { lookup, ca })
    }
    const ping = `https://localhost:${tlsPort}/trackback/2101.00001`
    const attempt = await postPing(request(ping), { ...client, agents })
    expect(attempt).toMatchObject({ kind: 'sent', httpStatus: 200 })
    // The proxy was asked for the address, never for the name.
    expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${tlsPort}`])
    expect(tlsBodies).toEqual([
      expect.stringMatching(
        new RegExp(
          `^POST /trackback/2101\\.00001 host=localhost:${tlsPort} title=A\\+post`
        )
      )
    ])
  })

  it('tunnels an https ping to an IP-literal URL, checking the certificate against the IP', async () => {
    proxy.log.length = 0
    const { key, cert } = selfSignedCert('IP:127.0.0.1')
    const server = https.createServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' })
      res.end('<?xml version="1.0"?><response><error>0</error></response>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const lookup = guardedLookup(true)
      const agents = {
        http: new ProxyHttpAgent(withProxy(), lookup, { lookup }),
        https: new ProxyHttpsAgent(withProxy(), lookup, { lookup, ca: cert })
      }
      const ping = `https://127.0.0.1:${port}/trackback/2101.00002`
      const attempt = await postPing(request(ping), { ...client, agents })
      expect(attempt).toMatchObject({ kind: 'sent', httpStatus: 200 })
      expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${port}`])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('goes direct for hosts in NO_PROXY', async () => {
    proxy.log.length = 0
    const ping = `${receiver.url}/wp-trackback.php?p=2`
    const agents = createAgents(true, false, withProxy(['127.0.0.1']))
    const attempt = await postPing(request(ping), { ...client, agents })
    expect(attempt.kind).toBe('sent')
    expect(proxy.log).toEqual([])
  })

  it('checks the target before asking the proxy: a private target never reaches it', async () => {
    const before = proxy.connections
    proxy.log.length = 0
    const agents = createAgents(false, false, withProxy())
    for (const [agent, url] of [
      [agents.http, `http://localhost:${receiver.port}/wp-trackback.php?p=3`],
      [agents.https, `https://localhost:${tlsPort}/tb`]
    ] as const) {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const req = (url.startsWith('https') ? https : http).request(url, {
          method: 'POST',
          agent
        })
        req.on('error', resolve)
        req.on('response', () => resolve(new Error('answered')))
        req.end('x')
      })
      expect(error.code).toBe(ADDRESS_FORBIDDEN)
    }
    expect(proxy.connections).toBe(before)
    expect(proxy.log).toEqual([])
  })

  it('reports a proxy that refuses the tunnel as a failure to retry', async () => {
    const refusing = http.createServer()
    refusing.on('connect', (_req, socket: net.Socket) => {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
    })
    await new Promise<void>((resolve) =>
      refusing.listen(0, '127.0.0.1', resolve)
    )
    try {
      const url = new URL(
        `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`
      )
      const agents = createAgents(true, false, { https: url, noProxy: [] })
      const attempt = await postPing(
        request(`https://localhost:${tlsPort}/tb`),
        { ...client, agents }
      )
      expect(attempt).toMatchObject({ kind: 'retry', requestSent: false })
      expect(attempt.message).toContain(
        `the proxy refused CONNECT 127.0.0.1:${tlsPort} (HTTP 403)`
      )
    } finally {
      await new Promise((resolve) => refusing.close(resolve))
    }
  })
})
