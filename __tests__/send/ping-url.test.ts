import { describe, expect, it } from '@jest/globals'
import { isPingUrl } from '../../src/send/ping-url.js'

describe('isPingUrl: explicit TrackBack forms are ping URLs, the rest pages', () => {
  it.each([
    'https://blog.example/2024/05/01/nice-post/trackback/',
    'https://blog.example/2024/05/01/nice-post/trackback',
    'https://arxiv.org/trackback/2101.00001',
    'https://blog.example/wp-trackback.php?p=42',
    'https://blog.example/htsrv/trackback.php/123',
    'https://blog.example/htsrv/trackback.php?tb_id=1',
    'https://blog.example/cgi-bin/mt/mt-tb.cgi/17',
    'https://blog.example/cgi-bin/mt-tb.cgi?tb_id=17',
    'https://blog.example/mt/mt.cgi?__mode=tb&id=17',
    'https://blog.example/TrackBack/5'
  ])('ping URL: %s', (url) => {
    expect(isPingUrl(url)).toBe(true)
  })
  it.each([
    'https://someone.wordpress.com/2024/05/01/nice-post/',
    'https://blog.example/posts/trackbacks-explained/',
    'https://blog.example/?p=42',
    'https://blog.example/mt/mt.cgi?__mode=view&id=17',
    'https://indieweb.example/2024/note',
    'https://blog.example/wp-trackback.php.html'
  ])('page: %s', (url) => {
    expect(isPingUrl(url)).toBe(false)
  })
})
