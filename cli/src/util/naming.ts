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

/** `order-processor` → `OrderProcessor`; keeps inner capitals (`OrderID` stays `OrderID`). Never starts with a digit. */
export function toPascalCase(text: string): string {
  const joined = words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  if (joined === '') return 'Unnamed';
  return /^[0-9]/.test(joined) ? `T${joined}` : joined;
}

/** `OrderProcessor` → `orderProcessor`. */
export function toCamelCase(text: string): string {
  const pascal = toPascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
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
