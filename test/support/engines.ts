/** Both engines; tests assert the requested one is really active (`decoder.engine`). */
export const ENGINES = ['wasm', 'js'] as const;
export type EngineName = (typeof ENGINES)[number];
