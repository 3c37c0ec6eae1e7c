import type { ProcessSpec } from '../core/config/types';

/** The command as one line a person can paste into a shell. */
export function commandText(spec: ProcessSpec): string {
  if (typeof spec.command === 'string') return spec.command;
  return spec.command.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}
