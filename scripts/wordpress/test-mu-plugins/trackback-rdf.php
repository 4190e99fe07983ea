<?php
/*
 * Plugin Name: trackback-action test: TrackBack RDF on chosen posts
 * Description: TEST ONLY. scripts/wordpress/start.sh --mu-plugin copies this
 * into the throwaway site's own mu-plugins folder; never install it on a
 * real site.
 *
 * Stock WordPress themes print no TrackBack RDF, and Debian's package ships
 * no theme at all (a post's page is an empty body with an X-Pingback
 * header). For the posts marked with the meta key below (site.php rdf ID),
 * this serves a small page that embeds core's trackback_rdf() inside an
 * HTML comment, as older themes did. Only marked posts: every other post
 * stays a stock Pingback-only page, so one site can test both ways in.
 */
if (!defined('ABSPATH')) {
    exit;
}

const TRACKBACK_TEST_RDF_META = '_trackback_test_rdf';

add_action('template_redirect', function () {
    // The post's own page only: its trackback URL (…/trackback/, which
    // core's template loader hands to wp-trackback.php after this hook),
    // its feed and its embed view go on as stock.
    if (!is_single() || is_trackback() || is_feed() || is_embed()) {
        return;
    }
    if (!get_post_meta(get_queried_object_id(), TRACKBACK_TEST_RDF_META, true)) {
        return;
    }
    the_post();
    $title = esc_html(get_the_title());
    echo "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>$title</title></head>\n";
    echo "<body><article><h1>$title</h1>\n";
    the_content();
    echo "\n<!--\n";
    trackback_rdf();
    echo "\n-->\n</article></body></html>\n";
    exit;
});
