/** A repeatable sequence of numbers in [0, 1), so a failing case can be run again. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A string of up to `maxLength` characters drawn from `characters`. */
export function randomText(random: () => number, characters: string[], maxLength: number): string {
  return Array.from({ length: Math.floor(random() * (maxLength + 1)) }, () => characters[Math.floor(random() * characters.length)]).join('');
}
