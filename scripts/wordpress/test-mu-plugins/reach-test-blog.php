<?php
/*
 * Plugin Name: trackback-action test: reach the test blog on 127.0.0.1
 * Description: TEST ONLY. scripts/wordpress/start.sh --mu-plugin copies this
 * into the throwaway site's own mu-plugins folder; never install it on a
 * real site.
 *
 * WordPress's Pingback receiver fetches the linking post with
 * wp_safe_remote_get before it stores anything. The end-to-end tests serve
 * that post from 127.0.0.1 on an ephemeral port, which stock WordPress
 * refuses three ways: the test site's settings block every host but its
 * own (WP_HTTP_BLOCK_EXTERNAL), loopback hosts are not "external", and
 * only ports 80, 443 and 8080 are safe. This opens exactly 127.0.0.1, on
 * any port, and nothing else.
 */
if (!defined('ABSPATH')) {
    exit;
}

const TRACKBACK_TEST_BLOG_HOST = '127.0.0.1';

if (!defined('WP_ACCESSIBLE_HOSTS')) {
    define('WP_ACCESSIBLE_HOSTS', TRACKBACK_TEST_BLOG_HOST);
}

add_filter('http_request_host_is_external', function ($external, $host) {
    return $external || $host === TRACKBACK_TEST_BLOG_HOST;
}, 10, 2);

add_filter('http_allowed_safe_ports', function ($ports, $host, $url) {
    if ($host !== TRACKBACK_TEST_BLOG_HOST) {
        return $ports;
    }
    $port = parse_url($url, PHP_URL_PORT);
    if (is_int($port) && is_array($ports) && !in_array($port, $ports, true)) {
        $ports[] = $port;
    }
    return $ports;
}, 10, 3);
