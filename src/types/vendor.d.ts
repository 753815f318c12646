// Type declarations for the parts of untyped dependencies that casebook uses.
declare module 'libmime' {
  interface Libmime {
    decodeWords(value: string): string;
    parseHeaderValue(value: string): { value: string; params: Record<string, string> };
    decodeFlowed(value: string, delSp?: boolean): string;
    decodeHeader(line: string): { key: string; value: string };
    detectMimeType(filenameOrExtension: string): string;
  }
  const libmime: Libmime;
  export default libmime;
}

declare module 'libmime/lib/charset.js' {
  const charset: {
    decode(buf: Buffer, charset: string): string;
    normalizeCharset(charset: string): string;
  };
  export default charset;
}
