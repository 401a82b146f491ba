package dev.hoard.crawl;

/**
 * A link found in a text, with the range of the text its raw value covers and how a replacement is written there.
 *
 * @param start the offset of the first character of the raw value
 * @param end the offset just past its last character
 */
record LinkSpot(Link link, int start, int end, Escaping escaping) {}
