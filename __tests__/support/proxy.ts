/** A forward and CONNECT proxy on 127.0.0.1 for tests of proxied pings. */
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

/** A forward (absolute-form) and CONNECT proxy that logs what it is asked. */
export interface Proxy {
  url: URL
  log: string[]
  connections: number
  close(): Promise<void>
}

export async function startProxy(): Promise<Proxy> {
  const log: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((request, response) => {
    log.push(
      `${request.method} ${request.url} auth=${request.headers['proxy-authorization'] ?? ''}`
    )
    const target = new URL(request.url ?? '')
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: request.method,
        headers: request.headers
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  const state = { connections: 0 }
  server.on('connection', (socket: net.Socket) => {
    state.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (request, client: net.Socket, head: Buffer) => {
    log.push(`CONNECT ${request.url}`)
    const [host, port] = (request.url ?? '').split(/:(?=\d+$)/)
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    sockets.add(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    log,
    get connections() {
      return state.connections
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
