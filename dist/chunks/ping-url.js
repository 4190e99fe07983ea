/**
 * Which targets are TrackBack ping URLs and which are article pages to
 * discover (page-target.ts). Pure, and free of imports so that planning can
 * ask without loading the sending code.
 *
 * A target is a **ping URL**, POSTed a TrackBack as written, when it names
 * an arXiv paper (its ping URL is built from the id, post/arxiv.ts) or has
 * one of the explicit forms TrackBack receivers use:
 * - a `trackback` path segment: WordPress's `/<post>/trackback/`, arXiv's
 *   `/trackback/<id>`;
 * - a path through a script named `wp-trackback.php` (WordPress), `trackback.php`
 *   (b2evolution), `mt-tb.cgi` or `tb.cgi` (Movable Type);
 * - a `__mode=tb` query (Movable Type's `mt.cgi?__mode=tb&id=…`).
 *
 * **Anything else is a page.** A ping URL that answers the TrackBack POST
 * with an HTML page is read as a page after all.
 */
const PING_SCRIPTS = new Set([
    'wp-trackback.php',
    'trackback.php',
    'mt-tb.cgi',
    'tb.cgi'
]);
/** Whether a target URL is a TrackBack ping URL (else a page to discover). */
function isPingUrl(target) {
    let url;
    try {
        url = new URL(target);
    }
    catch {
        return true;
    }
    const segments = url.pathname.toLowerCase().split('/');
    if (segments.includes('trackback'))
        return true;
    // The script may take the id as a path (`mt-tb.cgi/17`).
    if (segments.some((segment) => PING_SCRIPTS.has(segment)))
        return true;
    return url.searchParams.get('__mode') === 'tb';
}

export { isPingUrl as i };
