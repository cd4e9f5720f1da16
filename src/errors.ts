/** Base of every error spikeguard throws or reports. */
export class SpikeguardError extends Error {
  override readonly name: string = 'SpikeguardError';
}

/** Invalid options, shapes or arguments given by the caller. */
export class ConfigError extends SpikeguardError {
  override readonly name: string = 'ConfigError';
}

/**
 * Bytes that do not follow the format: names the format, the absolute byte offset of the fault,
 * what was expected there and what was found. Events decoded before the fault are still delivered.
 */
export class DecodeError extends SpikeguardError {
  override readonly name: string = 'DecodeError';
  constructor(
    readonly format: string,
    readonly offsetBytes: number,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${format}: at byte ${offsetBytes}: expected ${expected}, got ${got}`);
  }
}

/**
 * The input ended in the middle of a record, packet or header. Every whole event before
 * `offsetBytes` was delivered; the bytes from there on were not decodable.
 */
export class TruncatedInputError extends DecodeError {
  override readonly name: string = 'TruncatedInputError';
}

/**
 * A TensorFlow.js backend could not be loaded or initialised (package missing, binary not found,
 * initialisation failed). `backend` names the backend asked for; the message gives the reason.
 */
export class BackendError extends SpikeguardError {
  override readonly name: string = 'BackendError';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`backend ${backend}: ${reason}`);
  }
}
