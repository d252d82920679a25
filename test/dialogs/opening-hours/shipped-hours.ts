import { fileURLToPath } from 'node:url';
import { loadOpeningHours } from '../../../core/content/index.js';
import { ServiceHours } from '../../../dialogs/opening-hours/index.js';

/** The real hours/opening-hours.yaml as a `ServiceHours`, so tests check what customers will be told. */
export async function shippedHours(): Promise<ServiceHours> {
  const { hours, problems } = await loadOpeningHours(fileURLToPath(new URL('../../..', import.meta.url)));
  if (!hours) throw new Error(`shippedHours(): ${problems.map((problem) => problem.message).join('; ')}`);
  return new ServiceHours(hours);
}
