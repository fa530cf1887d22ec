// Public library entry point of flinkfit.
// loads (and registers) the config.yaml parser, so every function here can read one
import './core/conf/standard.js';
export type { ConfigValue, FlinkConfig, TypedValue, ValueType } from './core/config-value.js';
export { parseMemorySize, formatBytes, SIZE_UNITS } from './core/size.js';
export type { SizeParse } from './core/size.js';
export { FLINK_LINES, DEFAULT_FLINK_LINE, parseFlinkVersion } from './core/versions.js';
export type { FlinkLine } from './core/versions.js';
export { resolveTaskManager, resolveJobManager } from './core/memory/index.js';
export type * from './core/memory/types.js';
export { loadConfig, loadConfigDir } from './core/conf/load.js';
export type { LoadConfigOptions, LoadConfigResult, ConfDiagnostic, ConfOrigin } from './core/conf/load.js';
