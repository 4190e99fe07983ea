<?php
// Installed by trackback-action's scripts/wordpress/start.sh for its tests:
// Debian's wp-config.php loads /etc/wordpress/config-127.0.0.1.php for
// requests to 127.0.0.1; each test server names its own settings file in
// TRACKBACK_WP_CONFIG. Without it, this host has no site.
$trackback_wp_config = getenv('TRACKBACK_WP_CONFIG');
if (!$trackback_wp_config || !is_file($trackback_wp_config)) {
    header('HTTP/1.0 404 Not Found');
    echo 'No WordPress test site is configured for this server.';
    exit(1);
}
require $trackback_wp_config;
