// Share links: the JSON text travels in the URL fragment, which the browser
// never sends to a server, as its UTF-8 byte count, a full stop, and
// base64url of the bytes: #state=12.eyJhIjogMX0K. The count comes first,
// so that a link cut short, which is how tools most often break long
// links, is recognized as cut. Links without the count, which
// earlier versions made, still open.

import { withLfLineEnds } from './json-text.js';

const fragmentPrefix = '#state=';

/** Links longer than this are refused, as many tools cut longer URLs. */
export const maxLinkLength = 8 * 1024;

function toBase64Url(bytes) {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

// atob skips spaces and takes padding, which no link of the page has.
const base64UrlPattern = /^[A-Za-z0-9_-]*$/;

function fromBase64Url(encoded) {
  if (!base64UrlPattern.test(encoded)) {
    throw new SyntaxError('not base64url');
  }
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/**
 * Returns {url} for a link to the page that opens with this text, or
 * {length} when such a link would be longer than maxLinkLength.
 */
export function shareLink(pageUrl, text) {
  const base = pageUrl.split('#')[0];
  const bytes = new TextEncoder().encode(text);
  const count = `${bytes.length}.`;
  // Unpadded base64 takes four characters for every three bytes, and one
  // more than the bytes left over. Counting first spares a megabyte of
  // text a 60 ms encoding that would only be thrown away.
  const length =
    base.length +
    fragmentPrefix.length +
    count.length +
    Math.ceil((4 * bytes.length) / 3);
  if (length > maxLinkLength) {
    return { length };
  }
  return { url: base + fragmentPrefix + count + toBase64Url(bytes) };
}

/**
 * Reads the text from a location's fragment: null when the fragment contains
 * no shared state, {text} when it does, {error} when it cannot be read. The
 * text has LF line ends, as the page keeps it, so that it compares equal to
 * the saved text it came from.
 */
export function sharedState(fragment, maxBytes = Infinity) {
  // An empty state is a link of an earlier version to an empty text, which
  // opened nothing, as it still does. The page's links count the bytes.
  if (!fragment.startsWith(fragmentPrefix) || fragment === fragmentPrefix) {
    return null;
  }
  const state = fragment.slice(fragmentPrefix.length);
  const counted = /^(\d{1,8})\.(.*)$/s.exec(state);
  let bytes;
  try {
    bytes = fromBase64Url(counted ? counted[2] : state);
  } catch {
    return { error: 'the link is cut or changed: its text is not base64url' };
  }
  if (counted && bytes.length !== Number(counted[1])) {
    return {
      error:
        `the link is cut or changed: it holds ${bytes.length} of the ` +
        `${counted[1]} bytes of its text`,
    };
  }
  // A link made elsewhere can hold more than the page checks and saves.
  if (bytes.length > maxBytes) {
    return {
      error:
        `its text is ${bytes.length.toLocaleString('en-US')} bytes, more ` +
        `than the ${maxBytes / 2 ** 20} MiB this page checks and saves`,
    };
  }
  try {
    // ignoreBOM keeps a U+FEFF at the start, which the text had when shared
    // and which makes it an error there too.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return { text: withLfLineEnds(decoder.decode(bytes)) };
  } catch {
    return { error: 'the link is cut or changed: its text is not UTF-8' };
  }
}
