/**
 * The JSON type of a value, as a diff reports it: two values of different types are a `type`
 * difference, two of the same type a `changed` one. Values JSON cannot hold (undefined inside an
 * array, bigint, …) get their `typeof` name, so they are never mistaken for a JSON type.
 */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return Array.isArray(value) ? 'array' : 'object';
    default:
      return 'other';
  }
}
