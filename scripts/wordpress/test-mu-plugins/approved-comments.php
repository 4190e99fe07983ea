<?php
/*
 * Plugin Name: trackback-action test: a post page with its approved comments
 * Description: TEST ONLY. scripts/wordpress/start.sh --mu-plugin copies this
 * into the throwaway site's own mu-plugins folder; never install it on a
 * real site.
 *
 * Debian's package ships no theme, so a post's page is an empty body. Stock
 * themes list a post's approved comments under it, TrackBacks and Pingbacks
 * as links to their source; this serves each post's page that way (core's
 * wp_list_comments, approved comments only), so the landed check
 * (src/landed/) can see a ping once a moderator approves it.
 */
if (!defined('ABSPATH')) {
    exit;
}

add_action('template_redirect', function () {
    // The post's own page only: its trackback URL, feed and embed view go
    // on as stock.
    if (!is_single() || is_trackback() || is_feed() || is_embed()) {
        return;
    }
    the_post();
    $title = esc_html(get_the_title());
    echo "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>$title</title></head>\n";
    echo "<body><article><h1>$title</h1>\n";
    the_content();
    echo "</article>\n<ol class=\"comment-list\">\n";
    wp_list_comments([], get_comments([
        'post_id' => get_the_ID(),
        'status' => 'approve',
    ]));
    echo "</ol>\n</body></html>\n";
    exit;
});
