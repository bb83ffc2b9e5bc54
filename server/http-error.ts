/**
 * An error answered as `{ statusCode, error, message }`: `error` a stable code for programs, `message` a French sentence
 * the device can show to the mediator as it is.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
