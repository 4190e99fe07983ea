// End-to-end suites that talk to real peers (Debian's WordPress); run by .ci/run.
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['**/__tests__/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000
}
