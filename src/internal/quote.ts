const MAX_QUOTED = 60;

/**
 * Quotes a value from the input for a one-line message: in backticks, control
 * characters and backticks escaped, cut to 60 characters with an ellipsis.
 *
 * @internal
 */
export function quote(value: string): string {
  const cut = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  const escaped = cut.replace(/[\u0000-\u001f\u007f`\\\u2028\u2029]/g, (c) =>
    c === '`' ? '\\`' : c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `\`${escaped}\``;
}
