/**
 * `FAST_PATH` (validated in AppConfig): `on` runs the framework overrides gathered in this folder,
 * `off` the plain framework path each one replaces, so the two can be compared (docs/fast-path.md).
 */
export const FAST_PATH_MODES = ['on', 'off'] as const;
export type FastPathMode = (typeof FAST_PATH_MODES)[number];
