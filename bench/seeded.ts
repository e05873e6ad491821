/** Park-Miller minimal standard generator: benchmark inputs are the same on every run and machine. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}
