/** Self-signed certificates for TLS receivers on 127.0.0.1, made with openssl. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/** A key and a certificate (PEM) valid for `subjectAltName`, e.g. `IP:127.0.0.1`. */
export function selfSignedCert(subjectAltName = 'IP:127.0.0.1'): {
  key: Buffer
  cert: Buffer
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'trackback-tls-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=trackback-test',
        '-addext',
        `subjectAltName=${subjectAltName}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem')
      ],
      { stdio: 'ignore' }
    )
    return {
      key: readFileSync(path.join(dir, 'key.pem')),
      cert: readFileSync(path.join(dir, 'cert.pem'))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
