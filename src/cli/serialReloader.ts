/**
 * Runs a reload at most once at a time; requests that arrive meanwhile collapse into one more run.
 * Editors fire several change events per save, and each reload reads the whole file anyway.
 */
export function serialReloader(reload: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    do {
      again = false;
      await reload();
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
