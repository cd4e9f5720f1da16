/** Format name in every {@link DecodeError} of the wire layer. */
export const WIRE_FORMAT = 'spikeguard-wire';

/** Protocol version a `hello` carries; a decoder rejects any other. */
export const WIRE_VERSION = 1;

/** Bytes of the big-endian uint32 length prefix before each msgpack body. */
export const FRAME_PREFIX_BYTES = 4;

/** Default bound on one frame's msgpack body (64 MiB): larger length prefixes are rejected. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Nesting bound of audit records (maps and arrays), so validation never recurses without end. */
export const MAX_AUDIT_DEPTH = 16;
