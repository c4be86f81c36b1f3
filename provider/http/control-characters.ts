/**
 * Remote text (names, dates, RequestIds, error messages) reaches the user's terminal through
 * warnings, errors and the `chatops-adopt` output. A remote answer holding terminal control
 * sequences (`ESC [2J` clears the screen, OSC sequences set the title or write links, BEL
 * rings) would drive that terminal, or hide and forge lines of output. Every such line passes
 * through {@link withoutControlCharacters} before it is printed.
 */

/** Tabs and line breaks, C0 and C1 (NEL): each run becomes one space, so words stay apart. */
const BREAKS = /[\t\n\v\f\r\u0085]+/g;

/** C0 (U+0000 to U+001F, ESC and BEL among them), DEL, and C1 (U+0080 to U+009F, CSI among them). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` with no control character: tabs and line breaks become a space (the lines printed
 * are one-line warnings and messages), every other C0 or C1 character and DEL is removed. What
 * an escape sequence leaves behind (`[2J`) is plain text, harmless on any terminal.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROL, '');
}
