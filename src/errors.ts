/** An error about one input: the message names the input, and the batch goes on. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
    readonly code: string = 'EINPUT',
  ) {
    super(`${input}: ${message}`);
    this.name = 'InputError';
  }
}

/** A command-line usage error: exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
