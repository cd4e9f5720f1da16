import { DecodeError } from '../errors.js';
import { WIRE_FORMAT } from './wireFormat.js';

/** A short description of a decoded msgpack value, for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'nil';
  if (v instanceof Uint8Array) return `bin of ${v.length} bytes`;
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `integer ${v} (beyond 2^53)`;
  return typeof v === 'object' ? `${v.constructor?.name ?? 'object'}` : typeof v;
}

/**
 * Typed access to the fields of one decoded message map; every getter throws a
 * {@link DecodeError} naming the message kind, the field, and the frame's byte offset.
 */
export class FieldReader {
  constructor(
    private readonly map: Readonly<Record<string, unknown>>,
    readonly kind: string,
    readonly offsetBytes: number,
  ) {}

  /** Throws the error for `field`. */
  fail(field: string, expected: string, got: string): never {
    throw new DecodeError(WIRE_FORMAT, this.offsetBytes, `${this.kind}.${field} as ${expected}`, got);
  }

  /** The raw value of a field (undefined when absent). */
  raw(field: string): unknown {
    return Object.hasOwn(this.map, field) ? this.map[field] : undefined;
  }

  /** A `bin` field whose length is a multiple of `unitBytes`. */
  bin(field: string, unitBytes = 1): Uint8Array {
    const v = this.raw(field);
    const what = unitBytes === 1 ? 'bin' : `bin of a multiple of ${unitBytes} bytes`;
    if (!(v instanceof Uint8Array) || v.length % unitBytes !== 0) this.fail(field, what, describeValue(v));
    return v;
  }

  /** A finite number. */
  number(field: string): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, 'finite number', describeValue(v));
    return v;
  }

  /** A finite number, or undefined when the field is absent or nil. */
  optionalNumber(field: string): number | undefined {
    return this.raw(field) == null ? undefined : this.number(field);
  }

  /** An integer in [min, max]. */
  integer(field: string, min: number, max: number): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(field, `integer in ${min}..${max}`, describeValue(v));
    }
    return v;
  }

  /** An integer in [min, max], or undefined when absent or nil. */
  optionalInteger(field: string, min: number, max: number): number | undefined {
    return this.raw(field) == null ? undefined : this.integer(field, min, max);
  }

  /** A string, or undefined when absent or nil. */
  optionalString(field: string): string | undefined {
    const v = this.raw(field);
    if (v == null) return undefined;
    if (typeof v !== 'string') this.fail(field, 'string', describeValue(v));
    return v;
  }

  /** An array. */
  array(field: string): readonly unknown[] {
    const v = this.raw(field);
    if (!Array.isArray(v)) this.fail(field, 'array', describeValue(v));
    return v;
  }
}

/** True for a plain object, as msgpackr decodes a map with string keys. */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
