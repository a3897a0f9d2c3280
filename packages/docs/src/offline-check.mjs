// Finds what would make the page load something from another origin: scripts, stylesheets,
// fonts, images and frames with an absolute (or protocol-relative) URL, and CSS url()/@import
// pointing off-site. Plain links in text (<a href>) are allowed: reading them loads nothing.

const TAG_ATTRIBUTES = [
  // <script src>, <img src>, <iframe src>, <source src>, <embed src>, <audio/video src>
  /<(script|img|iframe|source|embed|audio|video|track|input)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi,
  // <link href> of any rel except plain navigation hints, which load nothing by themselves
  /<(link)\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)/gi,
  /<(object)\b[^>]*?\bdata\s*=\s*["']?([^"'\s>]+)/gi,
];
const CSS_URL = /url\(\s*["']?([^"')\s]+)/gi;
const CSS_IMPORT = /@import\s+["']([^"']+)/gi;

const isExternal = (/** @type {string} */ url) => /^(https?:)?\/\//i.test(url.trim());

/**
 * Lists every off-origin resource reference in an HTML page.
 * @param {string} html
 * @returns {{ kind: string, url: string }[]}
 */
export function findExternalResources(html) {
  const found = [];
  for (const pattern of TAG_ATTRIBUTES) {
    for (const match of html.matchAll(pattern)) {
      const [, tag, url] = match;
      if (isExternal(url)) found.push({ kind: `<${tag.toLowerCase()}>`, url });
    }
  }
  for (const styleBlock of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = styleBlock[1];
    for (const [, url] of css.matchAll(CSS_URL)) if (isExternal(url)) found.push({ kind: "css url()", url });
    for (const [, url] of css.matchAll(CSS_IMPORT)) if (isExternal(url)) found.push({ kind: "css @import", url });
  }
  for (const [, url] of html.matchAll(/\bimport\s*(?:[\w{}\s,*]+from\s*)?["'](https?:\/\/[^"']+)["']/g)) {
    found.push({ kind: "module import", url });
  }
  for (const [url] of html.matchAll(/fonts\.(?:googleapis|gstatic)\.com[^"'\s)]*/g)) {
    found.push({ kind: "web font", url });
  }
  return found;
}
