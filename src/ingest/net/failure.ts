/** A failure inside the network layer; fetch.ts turns it into an InputError naming the URL the user gave. */
export class FetchFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}
