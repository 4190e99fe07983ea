/** The action's version; a test keeps it equal to package.json's. */
export const VERSION = '1.0.0'

/** Where people find out what sent them a ping. */
export const PROJECT_URL =
  'https://github.com/marketplace/actions/trackback-for-static-blogs'

/** Sent with every request so receivers know who is calling. */
export const USER_AGENT = `trackback-action/${VERSION} (+${PROJECT_URL})`
