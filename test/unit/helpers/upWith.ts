import { loadConfig } from '../../../src/core/config/loadConfig';
import type { Supervisor } from '../../../src/core/supervisor';
import type { TempProject } from './tempProject';

/** Writes `processes` as the project's config, applies it and starts its autostart processes. */
export async function upWith(supervisor: Supervisor, project: TempProject, processes: unknown): Promise<void> {
  project.writeConfig({ processes });
  await supervisor.apply(await loadConfig(project.configFile));
  await supervisor.up();
}
