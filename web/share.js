// Share links: the JSON text travels in the URL fragment, which the browser
// never sends to a server, as base64url of its UTF-8 bytes.

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

function fromBase64Url(encoded) {
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
  // Unpadded base64 takes four characters for every three bytes, and one
  // more than the bytes left over. Counting first spares a megabyte of
  // text a 60 ms encoding that would only be thrown away.
  const length =
    base.length + fragmentPrefix.length + Math.ceil((4 * bytes.length) / 3);
  if (length > maxLinkLength) {
    return { length };
  }
  return { url: base + fragmentPrefix + toBase64Url(bytes) };
}

/**
 * Reads the text from a location's fragment: null when the fragment contains
 * no shared state, {text} when it does, {error} when it cannot be read. The
 * text has LF line ends, as the page keeps it, so that it compares equal to
 * the saved text it came from.
 */
export function sharedState(fragment) {
  if (!fragment.startsWith(fragmentPrefix) || fragment === fragmentPrefix) {
    return null;
  }
  let bytes;
  try {
    bytes = fromBase64Url(fragment.slice(fragmentPrefix.length));
  } catch {
    return { error: 'the link is cut or changed: its text is not base64url' };
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
