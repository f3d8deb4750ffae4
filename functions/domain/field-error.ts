/** One bad field of a request, named the way RFC 9457 problem details name it. */
export interface FieldError {
  /** JSON Pointer into the request body, e.g. "/contacts/0/email". */
  pointer?: string;
  /** A query string parameter or header name, e.g. "limit". */
  parameter?: string;
  message: string;
}
