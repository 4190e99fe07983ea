<?php
/*
 * The WordPress test site's own commands, run with php-cli (Debian 12 has no
 * wp-cli). TRACKBACK_WP_URL is the site's address, whose host picks its
 * settings file, and TRACKBACK_WP_DIR the folder start.sh keeps it in.
 *
 *   php site.php install OPEN CLOSED  install the site; create OPEN posts with
 *                                     pings open and CLOSED with pings closed;
 *                                     print the site as JSON
 *   php site.php comments             print every comment as JSON
 *   php site.php rdf ID               mark post ID for the test-only
 *                                     trackback-rdf.php mu-plugin (its page
 *                                     then embeds TrackBack RDF)
 *   php site.php approve ID           approve comment ID (as a moderator would)
 */
$url = getenv('TRACKBACK_WP_URL');
if (!$url || !getenv('TRACKBACK_WP_DIR')) {
    fwrite(STDERR, "TRACKBACK_WP_URL and TRACKBACK_WP_DIR must be set\n");
    exit(2);
}
$command = $argv[1] ?? '';
// Debian's wp-config.php picks the settings file from the Host header.
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ($command === 'install') {
    define('WP_INSTALLING', true);
    // No mail on this machine: skip the "your new site" message.
    function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
    require '/usr/share/wordpress/wp-load.php';
    require ABSPATH . 'wp-admin/includes/upgrade.php';
    $open = (int) ($argv[2] ?? 4);
    $closed = (int) ($argv[3] ?? 1);
    $installed = wp_install('Receiver Test Site', 'admin', 'admin@example.org', false, '', wp_generate_password(24));
    if (is_wp_error($installed)) {
        fwrite(STDERR, $installed->get_error_message() . "\n");
        exit(1);
    }
    // Stock settings otherwise: pings open by default, comments held for
    // moderation, the 15-second flood limit.
    update_option('default_ping_status', 'open');
    // The ping URL WordPress advertises (get_trackback_url() of the post).
    $trackback_url = function (int $id): string {
        $GLOBALS['post'] = get_post($id);
        setup_postdata($GLOBALS['post']);
        $url = get_trackback_url();
        wp_reset_postdata();
        return $url;
    };
    $posts = [];
    $make = function (string $title, string $pings) use (&$posts, $trackback_url) {
        $id = wp_insert_post([
            'post_title' => $title,
            'post_content' => "<p>$title: a post that takes TrackBack pings.</p>",
            'post_status' => 'publish',
            'comment_status' => 'open',
            'ping_status' => $pings,
            'post_author' => 1,
        ], true);
        if (is_wp_error($id)) {
            fwrite(STDERR, $id->get_error_message() . "\n");
            exit(1);
        }
        $posts[] = [
            'id' => $id,
            'title' => $title,
            'pings' => $pings,
            'link' => get_permalink($id),
            'trackback' => $trackback_url($id),
        ];
    };
    for ($i = 1; $i <= $open; $i++) {
        $make("Open post $i", 'open');
    }
    for ($i = 1; $i <= $closed; $i++) {
        $make("Closed post $i", 'closed');
    }
    echo json_encode([
        'url' => $url,
        'dir' => getenv('TRACKBACK_WP_DIR'),
        'version' => get_bloginfo('version'),
        'posts' => $posts,
    ], JSON_UNESCAPED_SLASHES), "\n";
} elseif ($command === 'comments') {
    require '/usr/share/wordpress/wp-load.php';
    global $wpdb;
    $rows = $wpdb->get_results(
        "SELECT comment_ID AS id, comment_post_ID AS post, comment_type AS type,
                comment_author AS author, comment_author_url AS url,
                comment_author_IP AS ip, comment_content AS content,
                comment_approved AS approved
           FROM $wpdb->comments ORDER BY comment_ID",
        ARRAY_A
    );
    foreach ($rows as &$row) {
        $row['id'] = (int) $row['id'];
        $row['post'] = (int) $row['post'];
    }
    echo json_encode($rows, JSON_UNESCAPED_SLASHES), "\n";
} elseif ($command === 'rdf') {
    require '/usr/share/wordpress/wp-load.php';
    $id = (int) ($argv[2] ?? 0);
    if (!get_post($id)) {
        fwrite(STDERR, "no post $id\n");
        exit(1);
    }
    update_post_meta($id, '_trackback_test_rdf', '1');
} elseif ($command === 'approve') {
    require '/usr/share/wordpress/wp-load.php';
    if (!wp_set_comment_status((int) ($argv[2] ?? 0), 'approve')) {
        fwrite(STDERR, "cannot approve comment " . ($argv[2] ?? '') . "\n");
        exit(1);
    }
} else {
    fwrite(STDERR, "usage: php site.php install OPEN CLOSED | comments | rdf ID | approve ID\n");
    exit(2);
}
