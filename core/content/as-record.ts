/**
 * Reads raw YAML data as a map, or an empty one when it is anything else. The checks across keys and
 * files use it on data that failed its schema, so one mistake does not hide the others.
 */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
