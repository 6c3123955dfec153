/**
 * Reading tshark's `-T json --no-duplicate-keys` output. With that option a protocol that
 * occurs twice in a frame (outer and inner IP of a tunnel) becomes an array of layers, and a
 * field that occurs several times inside one layer (SACK edges) becomes an array of values.
 */

export type JsonTree = { [key: string]: JsonValue };
export type JsonValue = string | JsonValue[] | JsonTree;

/** The `index`-th occurrence of protocol `name` among the frame's layers. */
export function layerAt(layers: JsonTree, name: string, index: number): JsonTree | undefined {
  const value = layers[name];
  const layer = Array.isArray(value) ? value[index] : index === 0 ? value : undefined;
  return layer !== undefined && typeof layer === "object" && !Array.isArray(layer) ? layer : undefined;
}

/** Every value of field `key` anywhere below `tree`, in document order (trees nest subfields). */
export function fieldValues(tree: JsonValue | undefined, key: string): string[] {
  if (tree === undefined || typeof tree === "string") return [];
  if (Array.isArray(tree)) return tree.flatMap((item) => fieldValues(item, key));
  return Object.entries(tree).flatMap(([name, value]) =>
    name === key ? strings(value) : fieldValues(value, key),
  );
}

function strings(value: JsonValue): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.flatMap(strings) : [];
}

export function firstField(tree: JsonValue | undefined, key: string): string | undefined {
  return fieldValues(tree, key)[0];
}

/** A decimal or `0x` field as a number; undefined when absent or empty. */
export function numberField(tree: JsonValue | undefined, key: string): number | undefined {
  const text = firstField(tree, key);
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`field ${key} is not a number: ${text}`);
  return value;
}

export function flagField(tree: JsonValue | undefined, key: string): boolean {
  return firstField(tree, key) === "1";
}

/** Copies an object without its undefined-valued keys, so fixtures hold only what tshark knows. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
