import type { ProcessSpec } from '../core/config/types';
import { commandLine } from '../core/process/commandLine';

/** The command as one line a person can paste into a shell. */
export function commandText(spec: ProcessSpec): string {
  return commandLine(spec.command);
}
