/** Sets `key` on `target` only when the value exists, so JSON output carries no undefined keys. */
export function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
