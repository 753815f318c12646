// The error for a source that cannot be read at all (a caller's mistake: the CLI prints it with its hint).

export class SourceError extends Error {
  readonly hint: string;
  readonly file: string;
  constructor(file: string, message: string, hint: string) {
    super(message);
    this.name = 'SourceError';
    this.file = file;
    this.hint = hint;
  }
}
