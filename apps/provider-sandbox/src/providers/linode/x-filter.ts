import { ClientError } from '../../http/exchange';

type Json = unknown;
type Item = Record<string, unknown>;

const COMPARISONS = ['+gt', '+gte', '+lt', '+lte'] as const;

function filterError(reason: string): ClientError {
  return new ClientError(400, reason, 'X-Filter');
}

/**
 * Linode's X-Filter header (reference linode.md §2.3): field equality (array fields match an
 * element), `+and`/`+or` lists, `+gt/+gte/+lt/+lte`, `+contains`, `+neq`, and `+order_by`/`+order`
 * at the top level. Filtering on a field that is not filterable is a 400, as on the real API.
 */
export function applyXFilter<T extends object>(
  items: T[],
  header: string | undefined,
  filterable: readonly string[],
): T[] {
  if (header === undefined || header.trim() === '') return items;
  let filter: Json;
  try {
    filter = JSON.parse(header);
  } catch {
    throw filterError('Invalid JSON in X-Filter');
  }
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw filterError('X-Filter must be a JSON object');
  }
  const { '+order_by': orderBy, '+order': order, ...conditions } = filter as Record<string, Json>;
  const matches = (item: Item) => evaluate(item, conditions, filterable);
  const result = (items as unknown as Item[]).filter(matches);
  if (order !== undefined && orderBy === undefined) throw filterError('+order requires +order_by');
  if (orderBy !== undefined) {
    if (typeof orderBy !== 'string' || !filterable.includes(orderBy))
      throw filterError(`Cannot order by ${String(orderBy)}`);
    if (order !== undefined && order !== 'asc' && order !== 'desc')
      throw filterError('+order must be asc or desc');
    const direction = order === 'desc' ? -1 : 1;
    result.sort((a, b) => compare(a[orderBy], b[orderBy]) * direction);
  }
  return result as unknown as T[];
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function evaluate(item: Item, conditions: Json, filterable: readonly string[]): boolean {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    throw filterError('Each X-Filter condition must be a JSON object');
  }
  return Object.entries(conditions as Record<string, Json>).every(([key, value]) => {
    if (key === '+and' || key === '+or') {
      if (!Array.isArray(value)) throw filterError(`${key} must be a list`);
      const results = value.map((inner) => evaluate(item, inner, filterable));
      return key === '+and' ? results.every(Boolean) : results.some(Boolean);
    }
    if (key.startsWith('+')) throw filterError(`Unknown operator ${key}`);
    if (!filterable.includes(key)) throw filterError(`Cannot filter on ${key}`);
    return matchField(item[key], value, key);
  });
}

function matchField(actual: unknown, expected: Json, field: string): boolean {
  if (typeof expected !== 'object' || expected === null) {
    return Array.isArray(actual) ? actual.includes(expected) : actual === expected;
  }
  if (Array.isArray(expected)) throw filterError(`Invalid value for ${field}`);
  return Object.entries(expected as Record<string, Json>).every(([operator, operand]) => {
    if ((COMPARISONS as readonly string[]).includes(operator)) {
      if (typeof operand !== 'number') throw filterError(`${operator} needs a number`);
      if (typeof actual !== 'number') return false;
      return operator === '+gt'
        ? actual > operand
        : operator === '+gte'
          ? actual >= operand
          : operator === '+lt'
            ? actual < operand
            : actual <= operand;
    }
    if (operator === '+contains') {
      if (typeof operand !== 'string') throw filterError('+contains needs a string');
      return Array.isArray(actual)
        ? actual.some((v) => String(v).includes(operand))
        : String(actual ?? '').includes(operand);
    }
    if (operator === '+neq') return actual !== operand;
    throw filterError(`Unknown operator ${operator}`);
  });
}
