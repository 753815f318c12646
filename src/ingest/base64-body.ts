// A base64 part body decoded exactly as mailparser's decoder (libbase64's Decoder stream) decodes it when
// mailsplit writes the body in one chunk: characters outside the alphabet dropped, the text up to the last
// `=` decoded as padded segments, a tail of fewer than four characters decoded on its own at the end.

/** libbase64's decode: segment by segment when padding sits inside the input. */
function base64Segments(str: string): Buffer {
  const padPos = str.indexOf('=');
  if (padPos >= 0 && /[a-zA-Z0-9+/\-_]/.test(str.substr(padPos))) {
    const parts: Buffer[] = [];
    for (const segment of str.split(/[=]+/)) if (segment) parts.push(Buffer.from(segment, 'base64'));
    return Buffer.concat(parts);
  }
  return Buffer.from(str, 'base64');
}

/** libbase64's Decoder given the whole body as one chunk (as mailsplit writes it): transform, then flush. */
export function decodeBase64Body(body: Buffer): Buffer {
  if (body.length === 0) return body;
  let b64 = body.toString('ascii');
  if (/[^a-zA-Z0-9+/=]/.test(b64)) b64 = b64.replace(/[^a-zA-Z0-9+/=]/g, '');
  let padded = '';
  const lastPad = b64.lastIndexOf('=');
  if (lastPad >= 0) {
    padded = b64.substr(0, lastPad + 1);
    b64 = b64.substr(lastPad + 1);
  }
  let rest = '';
  if (b64.length < 4) {
    rest = b64;
    b64 = '';
  } else if (b64.length % 4) {
    rest = b64.substr(-b64.length % 4);
    b64 = b64.substr(0, b64.length - rest.length);
  }
  b64 = padded + b64;
  const out: Buffer[] = [];
  if (b64) out.push(base64Segments(b64));
  if (rest) out.push(base64Segments(rest));
  return out.length === 1 ? out[0] : Buffer.concat(out);
}
