// Makes mailparser decode format=flowed with flowed.ts instead of libmime's decodeFlowed, which joins lines of
// different quote depth (see flowed.ts). The fast paths call flowed.ts directly; this gives the mail that
// mailparser reads (HTML alternatives, base64, odd MIME) the same text, so both paths stay equal.
//
// Why a replacement on libmime's class rather than something cleaner: mailparser has no option or hook for
// flowed text. Its FlowedDecoder (in @zone-eu/mailsplit) buffers a part, makes its own `new Libmime()` and
// calls `decodeFlowed` on it — so replacing the method on libmime's default export would not even reach it;
// only `Libmime.prototype` does. The other ways were worse: hiding `format=flowed` from mailparser and
// decoding afterwards fails because mailparser hands back the text of all inline parts joined into one
// string, so which part was flowed is lost; rewriting the flowed parts in the bytes beforehand means
// re-implementing mailsplit's part splitting for exactly the mail the fast paths gave up on.
// It is acceptable because in this process libmime serves only mailparser, mailsplit and src/ingest (one
// deduplicated copy, `npm ls libmime`), the replacement keeps the method's contract (a latin1 "binary" string
// in, one out, the DelSp flag), and test/ingest/flowed-quote-depth.test.ts checks that mailparser's own
// flowed decoding gives flowed.ts's result: a mailparser that stops calling the method fails it.
import libmime from 'libmime';
import { decodeFlowed } from './flowed.ts';

interface FlowedMethod {
  decodeFlowed(value: unknown, delSp?: boolean): string;
}

/** libmime's class, which src/types/vendor.d.ts does not declare (its default export is an instance of it). */
const Libmime = (libmime as unknown as { Libmime: { prototype: FlowedMethod } }).Libmime;

function rfcDecodeFlowed(value: unknown, delSp?: boolean): string {
  return decodeFlowed(typeof value === 'string' ? value : String(value ?? ''), Boolean(delSp));
}

/** Routes every libmime decodeFlowed call, mailparser's included, to flowed.ts. Idempotent. */
export function useRfcFlowedDecoding(): void {
  if (Libmime.prototype.decodeFlowed !== rfcDecodeFlowed) Libmime.prototype.decodeFlowed = rfcDecodeFlowed;
}
