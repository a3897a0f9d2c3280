/** Something in the document is not what an OpenAPI 3.1 reader can work with; the message says where. */
export class SpecReaderError extends Error {
  override name = "SpecReaderError";
}

/** A `$ref` or JSON pointer that leads nowhere, or a chain of `$ref`s that loops. */
export class SpecReferenceError extends SpecReaderError {
  override name = "SpecReferenceError";
  constructor(
    message: string,
    /** The reference or pointer that failed, as written. */
    readonly ref: string,
  ) {
    super(message);
  }
}
