/**
 * Identifier helpers. Generated names must be valid TypeScript identifiers and
 * stable: the same input always gives the same name.
 */

/** Splits `orderProcessor`, `order-processor`, `order_processor`, `Order Processor` into words. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * The one naming function of generated declarations (message body types, types
 * of `$ref` targets and titled subschemas, handler interfaces): PascalCase words
 * of `text` (`order-processor` → `OrderProcessor`, inner capitals kept: `OrderID`),
 * ASCII letters and digits only, never starting with a digit, and a letter that
 * follows a digit upper-cased (`OrderA1b` + `Data` → `OrderA1BData`). That last
 * rule is json-schema-to-typescript's (`toSafeString`): it renames every
 * declaration it writes to follow it, so a name the rest of the generated code
 * refers to must follow it already. `typeName(typeName(x)) === typeName(x)`.
 */
export function typeName(text: string): string {
  const joined = words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/[0-9]+[a-z]/g, (run) => run.toUpperCase());
  if (joined === '') return 'Unnamed';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

/** The body type of a message: `OrderPlaced` → `OrderPlacedData`. */
export function dataTypeName(message: string): string {
  return typeName(`${message}Data`);
}

/** The handler interface of a subscription: `orderProcessor` → `OrderProcessorHandler`. */
export function handlerTypeName(subscription: string): string {
  return typeName(`${subscription}Handler`);
}

/** Hands out unique names: the preferred one when free, else the fallbacks, else a numbered one. */
export class NameAllocator {
  readonly #used = new Set<string>();

  /** Marks names as taken (generated declarations, runtime imports, TypeScript globals). */
  reserve(...names: string[]): void {
    for (const n of names) this.#used.add(n);
  }

  has(name: string): boolean {
    return this.#used.has(name);
  }

  allocate(preferred: string, ...fallbacks: string[]): string {
    for (const candidate of [preferred, ...fallbacks]) {
      if (!this.#used.has(candidate)) {
        this.#used.add(candidate);
        return candidate;
      }
    }
    for (let i = 2; ; i++) {
      const candidate = `${preferred}${i}`;
      if (!this.#used.has(candidate)) {
        this.#used.add(candidate);
        return candidate;
      }
    }
  }
}
