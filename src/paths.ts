import { fileURLToPath } from 'node:url';

/** The installed package's root. This file sits one level below it both as source (src/) and in
 *  the bundle (dist/, where every chunk lives flat), so one relative step is right for both. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
